"""The app's place in the operating system: one instance, launcher, autostart, alerts, log."""
