"""The process's heap over months of citizens, on glibc (Debian).

An A4 document is built by fpdf2 and fontTools, which parse the bundled CJK font (16 MB) for
each one: tens of MiB allocated and freed within a second, on a worker thread. glibc's malloc
gives each thread that allocates at once an arena of its own (up to 8 per core) and keeps what
was freed in each for later, so the process's RSS climbs to the sum of every arena's high-water
mark and stays there (the soak: 238 MiB at start, 903 MiB after 500 citizens). Two arenas are
plenty for a kiosk's handful of threads, and after each citizen the free memory at the top of
the heaps goes back to the system.

Both calls are glibc's (mallopt(3), malloc_trim(3)); elsewhere they do nothing.
"""
from __future__ import annotations

import ctypes
import logging

log = logging.getLogger(__name__)

M_ARENA_MAX = -8    # <malloc.h>
ARENAS = 2

try:
    _libc = ctypes.CDLL("libc.so.6")
    _libc.mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    _libc.malloc_trim.argtypes = (ctypes.c_size_t,)
except (OSError, AttributeError):   # not glibc
    _libc = None


def limit_arenas(count: int = ARENAS) -> bool:
    """At most `count` malloc arenas; call before the worker threads start. True when set."""
    if _libc is None:
        return False
    return bool(_libc.mallopt(M_ARENA_MAX, count))


def release_free_memory() -> bool:
    """Gives the heaps' free memory back to the system; True when some was released."""
    if _libc is None:
        return False
    return bool(_libc.malloc_trim(0))
