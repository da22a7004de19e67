"""[ratings]: the on-site 好差评 store and its upload to the region's rating system.
(The channel code and the level-code direction are in [platform]: they are the platform's wire.)"""
from dataclasses import dataclass

from .schema import setting


@dataclass(frozen=True)
class RatingSettings:
    retention_days: int = setting(
        30, min=1, max=3650,
        help="days a confirmed rating is kept before it is purged, and a refused one keeps its sealed evaluator")
    upload_interval_s: float = setting(5.0, min=0.1, max=3600, help="how often the outbox is drained when idle")
    upload_backoff_max_s: float = setting(300.0, min=0.1, max=86400, help="longest wait between failed uploads")
    max_attempts: int = setting(
        10, min=1, max=1000,
        help="failed sends of one rating (5xx or an unreadable reply, while other ratings go through) before it is "
             "parked for a technician to retry or discard in diagnostics; an unreachable platform counts for none")
    max_ratings_per_application: int = setting(
        1, min=1, max=9,
        help="一次一评: 1. More only where the region's rating system accepts numbered later ratings (评价次数 2, 3 ...)")
