"""The 好差评 service the screens use: store a rating, ask whether one was made, the platform's
rating options (cached), and the uploader running behind it.

    service = open_rating_service(config, client, deliver)   # kiosk.services.ratings
    options = service.options()                           # RatingOptions | None (cached copy)
    previous = service.already_rated(application_no, id_number)   # PreviousRating | None
    stored = service.store(Rating(...))                   # durable when it returns
    service.parked()                                      # ratings given up on, for diagnostics
    service.retry_parked(key) / service.discard_parked(key)
    service.close()

`store` blocks for one fsync (a few ms): screens call it through BackgroundWork and show the
thanks screen from its result.
"""
from __future__ import annotations

import logging
import threading
import time
from typing import Callable

from ...platform.models import RatingOptions
from ...platform.parsing import parse_rating_options
from ...platform.validation import Fields
from .domain import Rating, may_rate, satisfaction_code
from .records import ParkedRating, PreviousRating, StoredRating
from .store import RatingStore
from .uploader import RatingUploader

log = logging.getLogger(__name__)


class RatingService:
    def __init__(self, outbox: RatingStore, client, *, channel: str, region_code: str, terminal_id: str,
                 direction: str, max_ratings: int = 1, interval_s: float = 5.0, backoff_max_s: float = 300.0,
                 retention_days: float = 30, max_attempts: int = 10, deliver: Callable[[Callable[[], None]], None] | None = None,
                 clock: Callable[[], float] = time.monotonic):
        self.outbox = outbox
        self.client = client
        self.channel = channel
        self.region_code = region_code
        self.terminal_id = terminal_id
        self.direction = direction
        self.max_ratings = max_ratings
        self._deliver = deliver
        self._listeners: list[Callable[[dict[str, int]], None]] = []
        self._options_lock = threading.Lock()
        self._options = self._load_cached_options()
        self.uploader = RatingUploader(outbox, client, interval_s=interval_s, backoff_max_s=backoff_max_s,
                                       retention_days=retention_days, max_attempts=max_attempts,
                                       on_change=self._changed,
                                       refresh_options=self.refresh_options, clock=clock)

    def start(self) -> "RatingService":
        if self.client is not None:
            self.uploader.start()
        else:
            log.warning("no platform client: ratings are stored and will upload once the platform starts")
        return self

    # ---- rating options --------------------------------------------------------------------------

    def options(self) -> RatingOptions | None:
        """The last rating options fetched from the platform (None if never fetched)."""
        with self._options_lock:
            return self._options

    def refresh_options(self) -> RatingOptions | None:
        """Fetches the options (blocking) and caches them; on failure the cached copy stays."""
        if self.client is None:
            return self.options()
        try:
            fresh = self.client.rating_options()
        except Exception as exc:
            log.info("rating options not fetched (%s); using the cached copy", type(exc).__name__)
            return self.options()
        with self._options_lock:
            old = self._options
            self._options = fresh
        if old is None or old.to_json() != fresh.to_json():
            self.outbox.cache_options(fresh.to_json())
            log.info("rating options version %s cached", fresh.version)
        return fresh

    def _load_cached_options(self) -> RatingOptions | None:
        body = self.outbox.cached_options()
        if body is None:
            return None
        try:
            return parse_rating_options(Fields(body, endpoint="rating_options.cache"))
        except Exception as exc:
            log.error("cached rating options unreadable (%s); fetching again", exc)
            return None

    def level_code(self, level: str) -> tuple[str, str | None]:
        """(满意度代码, options version): the platform's own code when its options are cached, else
        the configured direction of the one table in domain.py."""
        options = self.options()
        found = options.level(level) if options else None
        if found is not None:
            return found.code, options.version
        return satisfaction_code(level, self.direction), None

    # ---- ratings ---------------------------------------------------------------------------------

    def store(self, rating: Rating) -> StoredRating:
        """Stores the rating durably (returns after the fsync) and wakes the uploader.
        Raises AlreadyRated, RatingStoreError or InvalidRating."""
        code, version = self.level_code(rating.level)
        options = self.options()
        level = options.level(rating.level) if options else None
        allowed = frozenset(r.code for r in level.reasons) if level is not None else None
        stored = self.outbox.add(rating, code=code, channel=self.channel, region_code=self.region_code,
                                 terminal_id=self.terminal_id, options_version=version,
                                 max_ratings=self.max_ratings, allowed_reasons=allowed)
        log.info("rating %s stored (办件 %s, %s, 评价次数 %d)", stored.key, stored.application_no, stored.level,
                 stored.rating_count)
        self.uploader.wake()
        self._changed()
        return stored

    def already_rated(self, application_no: str, id_number: str) -> PreviousRating | None:
        """The person's latest rating of this 办件 when they may not rate it again (一次一评, or the
        region's numbered limit reached); None when a rating may be made now. Answers from the local
        store, which also remembers the platform's duplicate_rating refusals."""
        previous = self.outbox.previous(application_no, id_number)
        return None if may_rate(len(previous), self.max_ratings) else previous[-1]

    def previous_ratings(self, application_no: str, id_number: str) -> list[PreviousRating]:
        return self.outbox.previous(application_no, id_number)

    def counts(self) -> dict[str, int]:
        """Rows per state: pending, confirmed, rejected, unreadable, parked (diagnostics, heartbeat)."""
        return self.outbox.counts()

    def unsent(self) -> int:
        return self.counts()["pending"]

    def outbox_summary(self) -> tuple[int, float | None]:
        """(unsent count, epoch seconds of the oldest unsent) for diagnostics and the heartbeat."""
        return self.outbox.pending_summary()

    def upload_now(self) -> None:
        self.uploader.wake()

    # ---- parked ratings: what a technician decides in diagnostics ---------------------------------

    def parked(self) -> list[ParkedRating]:
        """Ratings the uploader gave up on (application number, attempts, reason), oldest first."""
        return self.outbox.parked()

    def retry_parked(self, key: str) -> ParkedRating | None:
        """Puts a parked rating back in the queue with a fresh count and wakes the uploader; the
        rating as it was parked, or None when it is not parked (any more)."""
        found = self.outbox.retry(key)
        if found is not None:
            log.info("parked rating %s (办件 %s) queued again", key, found.application_no)
            self.uploader.wake()
            self._changed()
        return found

    def discard_parked(self, key: str) -> ParkedRating | None:
        """Deletes a parked rating for good (it never reaches the platform); the rating as it was
        parked, or None when it is not parked (any more)."""
        found = self.outbox.discard(key)
        if found is not None:
            log.warning("parked rating %s (办件 %s) discarded", key, found.application_no)
            self._changed()
        return found

    # ---- listeners (diagnostics, heartbeat): called on the UI thread with counts() ------------------

    def add_listener(self, listener: Callable[[dict[str, int]], None]) -> None:
        self._listeners.append(listener)

    def _changed(self) -> None:
        if not self._listeners:
            return
        counts = self.counts()
        for listener in list(self._listeners):
            if self._deliver is not None:
                self._deliver(lambda listener=listener: listener(counts))
            else:
                listener(counts)

    def close(self) -> None:
        self.uploader.stop()
        self.outbox.close()
