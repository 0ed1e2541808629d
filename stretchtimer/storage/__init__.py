"""Files on disk: paths, routine files, settings and the session history. No Qt."""
