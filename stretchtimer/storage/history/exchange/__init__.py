"""Sessions out of and back into the history: JSON and CSV export and import."""
