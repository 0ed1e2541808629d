"""The terminal player behind ``stretchtimer play --no-gui``."""
