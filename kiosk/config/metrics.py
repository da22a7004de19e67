"""[metrics]: the terminal's Prometheus endpoint (/metrics) and its health report for `kiosk diag`
(/health, answered to this machine only), served by the running kiosk over HTTP."""
from dataclasses import dataclass

from .schema import setting

# An IP literal, never a host name: start-up must not wait for a name lookup.
IP_LITERAL = r"(\d{1,3}\.){3}\d{1,3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*"


@dataclass(frozen=True)
class MetricsSettings:
    enabled: bool = setting(True, help="serve /metrics for Prometheus and /health for `kiosk diag`")
    address: str = setting("127.0.0.1", pattern=IP_LITERAL,
                           help="IP address to listen on: 127.0.0.1 for this machine only, or the terminal's "
                                "own address on the bureau's network for the fleet's Prometheus to scrape")
    port: int = setting(9469, min=1024, max=65535, help="TCP port of /metrics and /health")
