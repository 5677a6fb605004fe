"""Stramien: the cross-organisational collaboration agreement as one typed document."""

__version__ = "0.1.0"
