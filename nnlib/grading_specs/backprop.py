"""Specs of the backprop assignment (being written)."""

SPECS = {}
