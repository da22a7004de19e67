"""The child of the rating crash test: stores and uploads ratings in a loop until it is killed.

    python -m tests.integration.ratings_crash_child DATA_DIR BASE_URL SECRET APPLICATION_NO...

Prints, flushed, one line per event the test checks:
    ready               the loop starts (the test kills at random moments after this)
    attempt KEY         an idempotency key was just made, inside store(), before its commit
    stored KEY          store() returned: the rating is durable
Evaluators are made-up ID numbers, one per rating, so 一次一评 never refuses one.
"""
from __future__ import annotations

import dataclasses
import random
import sys
import time
import uuid
from pathlib import Path

from kiosk.config import load_config
from kiosk.paths import DEFAULT_CONFIG
from kiosk.platform.client import PlatformClient
from kiosk.services.ratings import Evaluator, Rating, open_rating_service
from kiosk.services.ratings import store as store_module


class _AnnouncingUuid:
    """uuid4 for the store module that says which key is about to be written."""

    def __getattr__(self, name):
        return getattr(uuid, name)

    @staticmethod
    def uuid4():
        key = uuid.uuid4()
        print(f"attempt {key}", flush=True)
        return key


def main(argv: list[str]) -> int:
    data_dir, base_url, secret, *numbers = argv
    config = load_config(DEFAULT_CONFIG)
    config = dataclasses.replace(
        config, storage=dataclasses.replace(config.storage, data_dir=Path(data_dir)),
        platform=dataclasses.replace(config.platform, secret=secret, retries=0, connect_timeout_s=1,
                                     read_timeout_s=2),
        ratings=dataclasses.replace(config.ratings, upload_interval_s=0.05, upload_backoff_max_s=0.2))
    client = PlatformClient(config.platform, config.terminal.terminal_id, base_url=base_url)
    store_module.uuid = _AnnouncingUuid()
    service = open_rating_service(config, client)
    options = service.options() or service.refresh_options()
    rng = random.Random()
    print("ready", flush=True)
    while True:
        level = rng.choice(("非常满意", "满意", "基本满意", "不满意", "非常不满意"))
        reasons = tuple(r.code for r in options.reasons_for(level)[:1]) if level in ("不满意", "非常不满意") else ()
        evaluator = Evaluator(name="测试", id_number="9" + "".join(rng.choice("0123456789") for _ in range(17)))
        stored = service.store(Rating(rng.choice(numbers), level, evaluator, item_code="CRASH-TEST",
                                      reason_codes=reasons))
        print(f"stored {stored.key}", flush=True)
        # A few ratings a second per child (a busy hall makes far fewer), so the uploader keeps up
        # and kills land in uploads as often as in writes.
        time.sleep(rng.uniform(0, 0.01))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
