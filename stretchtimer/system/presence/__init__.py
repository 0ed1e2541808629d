"""Probes of the desktop that tell the reminders whether the person is there and free.

One seam (:mod:`.probe`), one module per source, each optional: a source that does
not work on this machine says why and how to fix it (``stretchtimer doctor``).
"""
