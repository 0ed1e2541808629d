"""What a person sees when the app has a bug, and how it is caught."""
