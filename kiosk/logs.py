"""Rotating log files with personal data masked at the logging layer.

The masking filter sits on every handler, so whatever a call site passes (an ID number in
the message, a name in the arguments, a traceback that quotes a card) is masked before it is
written. Values the current session learned about its citizen (the name, the address) are
registered in `personal_values` and masked wherever they appear; the session removes them
when it is wiped. Call sites may also mark values explicitly: `log.info("...", extra={"personal": [name]})`.
"""
from __future__ import annotations

import logging
import logging.handlers
import threading
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


FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"


def setup_logging(log_dir: Path, level: str = "INFO", max_bytes: int = 2_000_000,
                  backups: int = 10, console: bool = True) -> logging.Handler:
    """Installs the rotating file handler (and a console one) on the root logger; returns the file handler."""
    log_dir.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    root.setLevel(level)
    file_handler = logging.handlers.RotatingFileHandler(
        log_dir / "kiosk.log", maxBytes=max_bytes, backupCount=backups, encoding="utf-8")
    handlers: list[logging.Handler] = [file_handler]
    if console:
        handlers.append(logging.StreamHandler())
    for handler in handlers:
        handler.setFormatter(logging.Formatter(FORMAT))
        handler.addFilter(MaskPersonalData())
        root.addHandler(handler)
    return file_handler
