"""Small widgets the app's places share."""
