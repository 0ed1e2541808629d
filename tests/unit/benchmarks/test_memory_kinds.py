"""The memory benchmarks' split of a process's resident set into its kinds."""

from __future__ import annotations

import mmap
import os

from benchmarks.bench_gui_startup import MemoryKinds, kind_excess, memory_kinds, resident_kib


def test_a_processs_own_heap_and_its_files_pages_make_up_its_resident_set() -> None:
    before = memory_kinds(os.getpid())
    # 32 MiB of fresh private anonymous pages, each touched (a bytearray's zeroed pages
    # stay untouched, so not resident, when calloc maps them fresh).
    held = mmap.mmap(-1, 32 * 1024 * 1024, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
    for offset in range(0, len(held), mmap.PAGESIZE):
        held[offset] = 1
    after = memory_kinds(os.getpid())
    resident = resident_kib(os.getpid())
    assert abs(after.anonymous + after.file - resident) < 2048  # read a moment apart
    assert after.anonymous - before.anonymous > 30 * 1024
    assert abs(after.file - before.file) < 4096
    assert after.file > 1024  # at least Python's own code
    held.close()


def test_the_excess_over_the_bare_window_is_in_mib_by_kind() -> None:
    bare = [MemoryKinds(0, 0, 10 * 1024, 40 * 1024)] * 3
    app = [
        MemoryKinds(0, 0, 16 * 1024, 49 * 1024),
        MemoryKinds(0, 0, 15 * 1024, 50 * 1024),
        MemoryKinds(0, 0, 17 * 1024, 51 * 1024),
    ]
    assert kind_excess(app, bare) == {"anonymous_over_bare_mib": 6.0, "file_over_bare_mib": 10.0}
