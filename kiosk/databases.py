"""The SQLite files that hold the terminal's records (print journal, rating outbox): private,
durable, and never a reason for the kiosk not to start.

    conn, moved = open_database(path, setup, what="print journal")

- The folder is made 0700 and the file 0600 before SQLite opens it (SQLite gives its -wal and
  -shm files the database's permissions), whatever the process umask.
- WAL with synchronous=FULL: a committed change is on disk. secure_delete overwrites what is
  deleted, and journal_size_limit keeps the WAL from holding old pages after a checkpoint.
- A file SQLite cannot read (corrupt, not a database) is moved aside with its -wal/-shm under
  `<name>.corrupt-<time>`, one ERROR line names it and says how to recover it, and a new database
  starts. Nothing in it is deleted: a technician can still recover rows with `sqlite3 FILE .recover`.
"""
from __future__ import annotations

import logging
import os
import sqlite3
import time
from pathlib import Path
from typing import Callable

log = logging.getLogger(__name__)

FILE_MODE, DIR_MODE = 0o600, 0o700
WAL_LIMIT_BYTES = 1024 * 1024


def private_dir(directory: Path) -> Path:
    """Creates `directory` (and parents) as 0700; tightens it when it already exists and is ours."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    if directory.stat().st_uid == os.geteuid() and directory.stat().st_mode & 0o077:
        os.chmod(directory, DIR_MODE)
    return directory


def private_file(path: Path) -> Path:
    """Creates `path` empty as 0600 unless it exists; an existing one of ours is tightened to 0600."""
    path = Path(path)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    except FileExistsError:
        if path.stat().st_uid == os.geteuid() and path.stat().st_mode & 0o077:
            os.chmod(path, FILE_MODE)
    for suffix in ("-wal", "-shm"):
        companion = Path(f"{path}{suffix}")
        if companion.exists() and companion.stat().st_mode & 0o077:
            os.chmod(companion, FILE_MODE)
    return path


def connect(path: Path, setup: Callable[[sqlite3.Connection], None], *, timeout: float = 10.0) -> sqlite3.Connection:
    """A connection to the private file `path`, checked (quick_check) and set up by `setup`."""
    private_dir(Path(path).parent)
    private_file(path)
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=timeout)
    try:
        conn.execute("PRAGMA journal_mode=WAL").fetchone()
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA secure_delete=ON")
        conn.execute(f"PRAGMA journal_size_limit={WAL_LIMIT_BYTES}")
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise sqlite3.DatabaseError(f"database disk image is malformed (quick_check: {check})")
        setup(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def open_database(path: Path, setup: Callable[[sqlite3.Connection], None], *, what: str,
                  timeout: float = 10.0) -> tuple[sqlite3.Connection, Path | None]:
    """(connection, the unreadable file moved aside or None). Errors other than an unreadable file
    (permissions, a full disk) are raised for the caller to report."""
    try:
        return connect(path, setup, timeout=timeout), None
    except sqlite3.DatabaseError as exc:
        if not is_corruption(exc):
            raise
        aside = move_aside(path, exc, what=what)
        return connect(path, setup, timeout=timeout), aside


def is_corruption(exc: BaseException) -> bool:
    text = str(exc).lower()
    return type(exc) is sqlite3.DatabaseError or "malformed" in text or "not a database" in text \
        or "file is encrypted" in text


def move_aside(path: Path, error: BaseException, *, what: str) -> Path:
    path = Path(path)
    stamp = time.strftime("%Y%m%dT%H%M%S")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    os.replace(path, aside)
    for suffix in ("-wal", "-shm"):
        companion = Path(f"{path}{suffix}")
        if companion.exists():
            os.replace(companion, Path(f"{aside}{suffix}"))
    fsync_dir(path.parent)
    log.error("%s %s is unreadable (%s); moved aside to %s and a new one started. Records in it may be "
              "recovered by a technician: sqlite3 %s .recover", what, path, error, aside.name, aside.name)
    return aside


def fsync_dir(directory: Path) -> None:
    """Makes a file's creation or rename in `directory` durable."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def load_or_create_key(path: Path, size: int, *, what: str) -> bytes:
    """The secret in `path`, made the first time (0600, fsynced with its folder). A file of the
    wrong size is moved aside, never overwritten, and a new key made (what was sealed under the old
    one then shows as unreadable, with a log line, rather than vanish); a looser mode is tightened."""
    path = Path(path)
    private_dir(path.parent)
    try:
        key = path.read_bytes()
    except FileNotFoundError:
        return _create_key(path, size, what)
    if len(key) != size:
        aside = path.with_name(f"{path.name}.bad-{time.strftime('%Y%m%dT%H%M%S')}")
        os.replace(path, aside)
        log.error("%s %s has %d bytes, expected %d; moved aside to %s and a new key made",
                  what, path, len(key), size, aside.name)
        return _create_key(path, size, what)
    mode = path.stat().st_mode & 0o777
    if mode & 0o077:
        os.chmod(path, FILE_MODE)
        log.warning("%s %s was readable by others (mode %o); set to 0600", what, path, mode)
    return key


def _create_key(path: Path, size: int, what: str) -> bytes:
    key = os.urandom(size)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        os.write(fd, key)
        os.fsync(fd)
    finally:
        os.close(fd)
    fsync_dir(path.parent)
    log.info("%s created: %s", what, path)
    return key
