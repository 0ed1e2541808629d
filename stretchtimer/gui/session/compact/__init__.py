"""The compact player: a small window that stays on top while a session runs."""
