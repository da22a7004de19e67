"""[platform]: the integrated online government service platform."""
from dataclasses import dataclass
from typing import ClassVar

from .schema import setting


@dataclass(frozen=True)
class PlatformSettings:
    RETIRED: ClassVar[dict[str, str]] = {
        "kind": "replaced by platform.simulated: true for the built-in simulator, false for the platform at base_url"}

    simulated: bool = setting(True, help="true: the built-in platform simulator on 127.0.0.1; "
                                         "false: the platform at base_url")
    base_url: str = setting("", help="platform address, https://... (simulated = false)")
    secret: str = setting("sim-secret-not-for-production", help="HMAC signing secret", pattern=r".{8,256}")
    ca_bundle: str = setting("", help="CA bundle path; empty uses the system's")
    connect_timeout_s: float = setting(3.0, min=0.2, max=60)
    read_timeout_s: float = setting(8.0, min=0.5, max=120)
    call_deadline_s: float = setting(15.0, min=1, max=300,
                                     help="the longest one call may take in all: connecting, sending, every read of "
                                          "the answer and every retry (a platform sending its answer a byte at a "
                                          "time is cut off here)")
    max_response_bytes: int = setting(4 * 1024 * 1024, min=64 * 1024, max=256 * 1024 * 1024,
                                      help="largest answer taken from the platform, counted as sent and again after "
                                           "gzip is undone; a larger one is refused (the largest answers, the catalogue "
                                           "and a person's applications, take about 600 and 1,000 bytes an entry: "
                                           "4 MiB holds some 7,000 事项 or 4,000 applications)")
    retries: int = setting(2, min=0, max=10, help="retries for idempotent calls")
    retry_backoff_s: float = setting(0.5, min=0, max=30,
                                     help="wait before the first retry, doubled for each further one (at most 4 s)")
    proxy_url: str = setting("", help="HTTP(S) proxy for the platform; empty: direct (environment proxies are ignored)",
                             pattern=r"(https?://\S+)?")
    simulator_port: int = setting(0, min=0, max=65535,
                                  help="port of the built-in simulator on 127.0.0.1 (simulated = true); 0 picks a free one")
    rating_channel: str = setting("5", pattern=r"\d{1,2}",
                                  help="评价渠道 code of a hall self-service terminal (5 in the common scheme)")
    satisfaction_codes: str = setting("gbt39046", choices=("gbt39046", "five_is_best"),
                                      help="满意度代码 direction when no rating options are cached: "
                                           "gbt39046 = 1 非常满意 .. 5 非常不满意; five_is_best = 5 非常满意 .. 1 非常不满意")
