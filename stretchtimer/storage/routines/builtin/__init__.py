"""Built-in routines, shipped read-only with the package."""
