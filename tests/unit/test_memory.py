"""glibc's malloc tuned for a process that runs for months (kiosk/memory.py)."""
from __future__ import annotations

import platform
import subprocess
import sys

import pytest

from kiosk import memory

glibc = pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="mallopt and malloc_trim are glibc's")


@glibc
def test_the_arena_limit_is_taken_and_free_memory_goes_back():
    assert memory.limit_arenas() is True
    assert isinstance(memory.release_free_memory(), bool)


@glibc
def test_freed_heap_memory_returns_to_the_system():
    """Many small blocks freed out of order stay in the heap until trimmed."""
    script = """
import ctypes, sys
from kiosk import memory
libc = ctypes.CDLL("libc.so.6")
libc.malloc.restype = ctypes.c_void_p
libc.malloc.argtypes = (ctypes.c_size_t,)
libc.free.argtypes = (ctypes.c_void_p,)
def rss():
    return int([l for l in open('/proc/self/status') if l.startswith('VmRSS')][0].split()[1]) // 1024
blocks = [libc.malloc(4000) for _ in range(50_000)]      # 200 MB below the mmap threshold
for i, b in enumerate(blocks):
    ctypes.memset(b, 1, 4000)
keep = blocks[-1]
for b in blocks[:-1]:
    libc.free(b)
before = rss()
memory.release_free_memory()
print(before, rss())
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    before, after = map(int, done.stdout.split())
    assert before - after > 100, (before, after)     # MiB given back
