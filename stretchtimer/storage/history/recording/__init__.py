"""Recording a session into the history, from the engine's events to rows on disk.

* ``recorder``: turns the engine's events into writes (the session row, each segment, the end).
* ``operations``: those writes as values that can wait and be applied again.
* ``writer``: applies them on a background thread, keeping and retrying what fails.
* ``journal``: what cannot be written yet, kept in a file beside the history.
* ``identity``: which process records a session, and whether it still runs.
"""
