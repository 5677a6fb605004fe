"""Pure computations on the agreement and its measurements (no I/O)."""
