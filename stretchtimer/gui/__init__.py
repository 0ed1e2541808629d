"""The desktop app: the only layer that imports QtWidgets."""
