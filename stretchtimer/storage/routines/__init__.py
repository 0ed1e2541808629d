"""Routine files on disk: the built-in ones, the person's own, and unsaved drafts."""
