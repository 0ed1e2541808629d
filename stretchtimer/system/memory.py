"""Hand the operating system back the memory the app has freed.

Python and Qt free memory into the C library's heap, which keeps it for the next
allocation: after the window closes to the tray, the pages, pictures and caches it held
stay resident for the hours the app then waits. ``malloc_trim`` (glibc) returns the free
pages at the heap's end and in its holes; elsewhere this does nothing.
"""

from __future__ import annotations

import ctypes
import gc
import logging
import sys

log = logging.getLogger(__name__)


def give_back_freed_memory() -> bool:
    """Collect Python's garbage and return the freed heap pages; True when any went back."""
    gc.collect()
    if not sys.platform.startswith("linux"):
        return False
    try:
        trim = ctypes.CDLL(None).malloc_trim  # glibc; musl has none
    except (OSError, AttributeError):
        log.debug("no malloc_trim here: freed memory stays with the process")
        return False
    trim.argtypes = (ctypes.c_size_t,)
    trim.restype = ctypes.c_int
    return bool(trim(0))
