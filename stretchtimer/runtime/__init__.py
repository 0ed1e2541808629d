"""Qt-side session playback shared by the GUI and the terminal player (QtCore and
QtMultimedia only; never QtWidgets)."""
