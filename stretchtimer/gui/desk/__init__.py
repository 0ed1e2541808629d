"""The app at the desk: tray, reminder windows and how a reminder reaches the person."""
