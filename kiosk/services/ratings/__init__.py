"""好差评 on site: the rating's vocabulary and rules (domain.py), a crash-proof local store of
ratings and their exactly-once upload.

The composition root (kiosk/parts.py) calls `open_rating_service(config, client, deliver)` once
the platform client is up, keeps the returned RatingService as parts.ratings and calls
`.close()` at shutdown. No Kivy here.
"""
from __future__ import annotations

from pathlib import Path

from .domain import Evaluator, Rating, RatingChoice, RatingTarget
from .records import (AlreadyRated, InvalidRating, ParkedRating, PreviousRating, RatingError, RatingStoreError,
                      StoredRating)
from .sealing import Sealer, load_or_create_key
from .service import RatingService
from .store import RatingStore

DATABASE = "ratings.db"

__all__ = ["AlreadyRated", "Evaluator", "InvalidRating", "ParkedRating", "PreviousRating", "Rating", "RatingChoice", "RatingError",
           "RatingService", "RatingStore", "RatingStoreError", "RatingTarget", "StoredRating", "open_rating_service"]


def open_rating_service(config, client, deliver=None, *, data_dir: Path | None = None) -> RatingService:
    """The service over <data_dir>/ratings.db with `client` (None: store only), uploader started."""
    directory = Path(data_dir if data_dir is not None else config.storage.data_dir)
    directory.mkdir(parents=True, exist_ok=True)
    outbox = RatingStore(directory / DATABASE, Sealer(load_or_create_key(directory)))
    try:
        service = RatingService(
            outbox, client, channel=config.platform.rating_channel, region_code=config.terminal.region_code,
            terminal_id=config.terminal.terminal_id, direction=config.platform.satisfaction_codes,
            max_ratings=config.ratings.max_ratings_per_application, interval_s=config.ratings.upload_interval_s,
            backoff_max_s=config.ratings.upload_backoff_max_s, retention_days=config.ratings.retention_days,
            max_attempts=config.ratings.max_attempts, deliver=deliver)
    except BaseException:
        outbox.close()
        raise
    return service.start()

