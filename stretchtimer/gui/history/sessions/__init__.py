"""The History page's sessions: the list, the table, one session in full, delete and undo."""
