"""Specs of the initialization assignment (being written)."""

SPECS = {}
