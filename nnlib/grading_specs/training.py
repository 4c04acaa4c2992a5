"""Specs of the training assignment (being written)."""

SPECS = {}
