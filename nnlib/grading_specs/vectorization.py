"""Specs of the vectorization assignment (being written)."""

SPECS = {}
