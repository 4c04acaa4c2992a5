"""Specs of the broadcasting assignment (being written)."""

SPECS = {}
