"""Sound out of the app's process: one audio process, its link, the pipes between them,
the sound server's watch."""
