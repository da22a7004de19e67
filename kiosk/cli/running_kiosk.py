"""Asking the running kiosk for its health report (`kiosk diag` in a shell on the terminal).

The kiosk serves it at /health beside /metrics ([metrics] address and port, loopback only). The
answer is trusted only when it comes from the kiosk of this configuration: the same terminal id
and data directory. Anything else (nothing listening, metrics switched off, another kiosk on the
port, no report yet) is a one-line reason, and `kiosk diag` runs the checks itself.
"""
from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from ..config import KioskConfig
from ..services.diagnostics.results import CheckResult, Status

TIMEOUT_S = 45.0    # a fresh round may wait for the printer and the platform (see health_report.FRESH_WAIT_S)


@dataclass(frozen=True)
class RunningReport:
    results: list[CheckResult]
    kiosk: dict           # pid, terminal_id, data_dir, config, version, uptime_s
    fresh: bool           # a round run for this request (else: the last periodic round)
    at: float | None      # when the round finished (Unix time)
    parts: dict           # {part: works}, as kiosk_part_up shows them


def health_url(config: KioskConfig) -> str:
    """Where this configuration's kiosk answers; a kiosk listening on every address answers on loopback."""
    address = config.metrics.address
    host = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(address, address)
    host = f"[{host}]" if ":" in host else host
    return f"http://{host}:{config.metrics.port}/health"


def ask_running_kiosk(config: KioskConfig, fresh: bool = True, timeout: float = TIMEOUT_S) -> RunningReport | str:
    """The running kiosk's report, or why there is none to use (one line)."""
    if not config.metrics.enabled:
        return "[metrics] enabled = false in this configuration, so a running kiosk cannot be asked"
    url = health_url(config)
    try:
        with urllib.request.urlopen(url + ("?fresh=1" if fresh else ""), timeout=timeout) as answer:
            document = json.loads(answer.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        return f"{url} answered HTTP {exc.code}: not a kiosk's health report"
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        return f"no running kiosk answers on {url.removesuffix('/health')} ({getattr(reason, 'strerror', None) or reason})"
    try:
        kiosk = document["kiosk"]
        mine = (config.terminal.terminal_id, str(Path(config.storage.data_dir).resolve()))
        if (kiosk["terminal_id"], kiosk["data_dir"]) != mine:
            return (f"the kiosk answering on {url.removesuffix('/health')} is another one (terminal "
                    f"{kiosk['terminal_id']}, data in {kiosk['data_dir']}), not this configuration's")
        report = document["report"]
        if report is None:
            return "the running kiosk has no health report yet (its parts are starting)"
        results = [CheckResult(r["check"], Status(r["status"]), r["detail"], r.get("hint", ""))
                   for r in report["results"]]
    except (KeyError, TypeError, ValueError) as exc:
        return f"{url} answered something that is not a kiosk's health report ({type(exc).__name__}: {exc})"
    return RunningReport(results, kiosk, bool(document.get("fresh")), report.get("at"), document.get("parts") or {})
