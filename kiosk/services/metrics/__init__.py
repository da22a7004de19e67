"""The fleet view: each terminal's metrics for Prometheus, and its health report for `kiosk diag`.

    server = start_metrics(config, parts)     # the composition root, once the parts run; None when
    server.stop()                             # [metrics] enabled = false or the address is taken

/metrics serves what the parts hold when Prometheus scrapes (collector.py) and the counts of
events kiosk.counters keeps; /health the last health round (health_report.py). The server is not
a part: when it cannot start (the port is taken), the kiosk serves citizens all the same and
says so in one log line.
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from ...config import KioskConfig

if TYPE_CHECKING:
    from ..parts import Parts
    from .server import MetricsServer

log = logging.getLogger(__name__)


class _Counters:
    """kiosk.counters' registry, served beside the collector's metrics."""

    def collect(self):
        from ...counters import REGISTRY
        yield from REGISTRY.collect()


def start_metrics(config: KioskConfig, parts: Parts) -> MetricsServer | None:
    settings = config.metrics
    if not settings.enabled:
        return None
    from prometheus_client import CollectorRegistry
    from prometheus_client.process_collector import ProcessCollector

    from .collector import TerminalCollector
    from .health_report import health_document
    from .server import MetricsServer

    try:
        registry = CollectorRegistry()
        for collector in (TerminalCollector(config, parts), _Counters(), ProcessCollector(registry=None)):
            registry.register(collector)
        server = MetricsServer(settings.address, settings.port, registry,
                               lambda fresh: health_document(config, parts, fresh))
        return server.start()
    except (OSError, ValueError) as exc:
        log.error("metrics not served on %s port %d: %s; set [metrics] address/port (or enabled = false)",
                  settings.address, settings.port, getattr(exc, "strerror", None) or exc)
    except Exception:   # noqa: BLE001 - the fleet view must never keep the kiosk from serving
        log.exception("metrics not served")
    return None
