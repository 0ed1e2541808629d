"""The desk companion in real time: reminders, presence, and music that steps aside."""
