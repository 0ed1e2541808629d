"""Recording a session into the history as it runs.

* ``recorder``: turns the engine's events into writes (the session row, each segment, the end).
* ``writer``: applies them on a background thread, keeping and retrying what fails (in a
  journal beside the file, :mod:`stretchtimer.storage.history.journal`, while they wait).
"""
