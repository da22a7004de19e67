"""[platform]: the integrated online government service platform."""
from dataclasses import dataclass

from .schema import setting


@dataclass(frozen=True)
class PlatformSettings:
    kind: str = setting("simulator", choices=("simulator", "remote"),
                        help="simulator starts the built-in platform simulator on 127.0.0.1")
    base_url: str = setting("", help="platform address, https://... (kind = remote)")
    secret: str = setting("sim-secret-not-for-production", help="HMAC signing secret", pattern=r".{8,256}")
    ca_bundle: str = setting("", help="CA bundle path; empty uses the system's")
    connect_timeout_s: float = setting(3.0, min=0.2, max=60)
    read_timeout_s: float = setting(8.0, min=0.5, max=120)
    retries: int = setting(2, min=0, max=10, help="retries for idempotent calls")
