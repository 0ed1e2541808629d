"""The Session page: the player, its ring and text, the compact player, and who runs a session."""
