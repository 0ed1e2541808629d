"""The History page: a year of practice, charts, and every session."""
