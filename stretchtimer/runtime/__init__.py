"""Runs the core in real time on Qt's event loop (QtCore only): the session set-up both
front ends use, the session driver, the cue player and the reminder driver."""
