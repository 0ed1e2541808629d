"""The Routines page: find a routine, read it, start it, and manage routine files."""
