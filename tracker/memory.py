"""Give memory back to the operating system after large, short-lived work (an import of a big workbook).

CPython frees the objects of a parsed workbook, but glibc's allocator keeps the freed pages in its arenas, so
a server that has read one 17 MB upload stays that much larger for ever (issue 11: 143 -> 185 MB after one
50,000-row import). `release_memory()` collects cycles and asks glibc to return free pages (`malloc_trim`);
on other C libraries it only collects.
"""

import ctypes
import ctypes.util
import gc
from functools import cache
from typing import Any


@cache
def _libc() -> Any:
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        libc = ctypes.CDLL(name)
    except OSError:
        return None
    return libc if hasattr(libc, "malloc_trim") else None


def release_memory(generation: int = 2) -> None:
    """Collect garbage and return the allocator's free pages to the operating system (where glibc allows).

    `generation`: the youngest generations to collect (0: only objects created since the last collection, which
    is every object an import made while the collector was paused, and a fifth of the time of a full collection).
    """
    gc.collect(generation)
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)
