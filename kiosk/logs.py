"""Rotating log files with personal data masked at the logging layer.

The masking filter sits on every handler, so whatever a call site passes (an ID number in
the message, a name in the arguments, a traceback that quotes a card) is masked before it is
written. Values the current session learned about its citizen (the name, the address) are
registered in `personal_values` and masked wherever they appear; the session removes them
when it is wiped. Call sites may also mark values explicitly: `log.info("...", extra={"personal": [name]})`.

A full or unwritable log directory must not end the kiosk: no handler raises into the code that
logs, and neither does the audit log. A failed write is recorded in `write_faults` (the
diagnostics show it) and reported once on stderr, not as a traceback per record.
"""
from __future__ import annotations

import logging
import logging.handlers
import sys
import threading
import time
from pathlib import Path

from .masking import mask_text


class PersonalValues:
    """The personal strings currently known to the app, masked in every log record."""

    def __init__(self) -> None:
        self._values: set[str] = set()
        self._lock = threading.Lock()

    def add(self, *values: str | None) -> None:
        with self._lock:
            self._values.update(v for v in values if v and len(v) >= 2)

    def remove(self, *values: str | None) -> None:
        with self._lock:
            self._values.difference_update(v for v in values if v)

    def clear(self) -> None:
        with self._lock:
            self._values.clear()

    def snapshot(self) -> tuple[str, ...]:
        with self._lock:
            return tuple(self._values)


personal_values = PersonalValues()


class MaskPersonalData(logging.Filter):
    """Rewrites each record's message (and traceback text) with personal data masked."""

    def __init__(self, values: PersonalValues = personal_values):
        super().__init__()
        self._values = values

    def filter(self, record: logging.LogRecord) -> bool:
        extra = getattr(record, "personal", None) or ()
        if isinstance(extra, str):
            extra = (extra,)
        known = self._values.snapshot() + tuple(str(v) for v in extra)
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not lose the record
            message = f"{record.msg!r} {record.args!r}"
        record.msg = mask_text(message, known)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_text(record.exc_text, known)
        if record.stack_info:
            record.stack_info = mask_text(record.stack_info, known)
        return True


class WriteFaults:
    """Files the kiosk could not write just now (a log, the audit log), with what went wrong.
    An entry goes when a later write to the same file succeeds."""

    def __init__(self) -> None:
        self._faults: dict[str, tuple[float, str]] = {}
        self._lock = threading.Lock()

    def report(self, target: str | Path, error: BaseException) -> bool:
        """Records a failed write; True when it is new (the file was fine until now)."""
        text = f"{type(error).__name__}: {getattr(error, 'strerror', None) or error}"
        with self._lock:
            new = str(target) not in self._faults
            self._faults[str(target)] = (time.time(), text)
        return new

    def clear(self, target: str | Path) -> None:
        with self._lock:
            self._faults.pop(str(target), None)

    def current(self) -> dict[str, str]:
        """{file: problem} for every file that cannot be written now."""
        with self._lock:
            return {target: text for target, (_at, text) in self._faults.items()}


write_faults = WriteFaults()


def report_write_fault(target: str | Path, error: BaseException, what: str) -> None:
    """Records the fault; the first time, says so in one line on stderr (the log may be the very
    file that fails) and in the log (which may still reach the console or another file)."""
    if not write_faults.report(target, error):
        return
    line = f"kiosk: cannot write {what} {target}: {getattr(error, 'strerror', None) or error}; the kiosk goes on"
    try:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass
    if what != "the log":
        logging.getLogger("kiosk.logs").error("%s", line)


class QuietFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log file whose failures (disk full, directory gone) are recorded, not raised or
    printed as a traceback per record. The file is opened at the first record, so a log directory
    that cannot be created does not stop start-up either."""

    def __init__(self, path: Path, max_bytes: int, backups: int):
        super().__init__(path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8", delay=True)
        self._failed = False

    def emit(self, record: logging.LogRecord) -> None:
        self._failed = False
        super().emit(record)
        if not self._failed:
            write_faults.clear(self.baseFilename)

    def handleError(self, record: logging.LogRecord) -> None:
        self._failed = True
        error = sys.exc_info()[1] or OSError("unknown error")
        if self.stream is not None:
            # A stream that failed may hold a half-written buffer: reopen on the next record.
            try:
                self.stream.close()
            except (OSError, ValueError):
                pass
            self.stream = None
        report_write_fault(self.baseFilename, error, "the log")


class QuietStreamHandler(logging.StreamHandler):
    """The console: a closed or broken stderr is no reason to print tracebacks or stop."""

    def handleError(self, record: logging.LogRecord) -> None:
        pass


FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"


def setup_logging(log_dir: Path, level: str = "INFO", max_bytes: int = 2_000_000,
                  backups: int = 10, console: bool = True) -> logging.Handler:
    """Installs the rotating file handler (and a console one) on the root logger; returns the file
    handler. A log directory that cannot be made is reported (write_faults, one line) and the kiosk
    goes on: its file handler retries at every record."""
    log_dir = Path(log_dir)
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        report_write_fault(log_dir / "kiosk.log", exc, "the log")
    root = logging.getLogger()
    root.setLevel(level)
    file_handler = QuietFileHandler(log_dir / "kiosk.log", max_bytes, backups)
    handlers: list[logging.Handler] = [file_handler]
    if console:
        handlers.append(QuietStreamHandler())
    for handler in handlers:
        handler.setFormatter(logging.Formatter(FORMAT))
        handler.addFilter(MaskPersonalData())
        root.addHandler(handler)
    return file_handler
