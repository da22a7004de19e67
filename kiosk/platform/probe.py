"""One check of the platform for diagnostics (screen and `kiosk diag`): reachable, latency,
clock skew, credentials — from a single signed call to the server-time endpoint, which the
platform answers even when the terminal's clock is wrong, so a wrong clock and a wrong secret
are told apart."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .client import PlatformClient
from .errors import InvalidResponse, PlatformRejected, PlatformUnavailable

# Beyond this the platform rejects ordinary calls as stale (signing window, 300 s).
SKEW_LIMIT_S = 300.0
SKEW_WARN_S = 30.0


@dataclass(frozen=True)
class PlatformProbe:
    reachable: bool
    credentials_ok: bool | None      # None: not known (unreachable)
    latency_ms: float | None
    skew_s: float | None             # platform clock minus terminal clock
    status: str                      # ok | warning | fault
    detail: str                      # for the technician (English, no personal data)
    detail_key: str = ""             # the same as a message (diag.detail.platform.*) for the screen
    detail_values: tuple[tuple[str, Any], ...] = ()


def probe(client: PlatformClient) -> PlatformProbe:
    try:
        t = client.server_time()
    except PlatformUnavailable as exc:
        why = f"{exc.reason} {exc.detail}".strip()
        return PlatformProbe(False, None, None, None, "fault", f"unreachable: {why}",
                             "diag.detail.platform.unreachable", (("why", why),))
    except PlatformRejected as exc:
        if exc.is_credentials:
            return PlatformProbe(True, False, None, None, "fault", f"rejected: {exc.code} (check terminal id and secret)",
                                 "diag.detail.platform.rejected_credentials", (("code", exc.code),))
        return PlatformProbe(True, True, None, None, "fault", f"rejected: {exc.code}",
                             "diag.detail.platform.rejected", (("code", exc.code),))
    except InvalidResponse as exc:
        return PlatformProbe(True, None, None, None, "fault", f"invalid answer: {exc.field} {exc.problem}",
                             "diag.detail.platform.invalid_answer", (("field", exc.field), ("problem", exc.problem)))
    latency = t.round_trip_s * 1000
    skew, ms = f"{t.skew_s:+.0f}", f"{latency:.0f}"
    if abs(t.skew_s) > SKEW_LIMIT_S:
        status, detail = "fault", f"clock off by {skew} s: the platform will refuse requests; set the time"
        said = ("diag.detail.platform.probe_clock_refused", (("skew", skew),))
    elif abs(t.skew_s) > SKEW_WARN_S:
        status, detail = "warning", f"clock off by {skew} s"
        said = ("diag.detail.platform.probe_clock_off", (("skew", skew),))
    else:
        fine = f"{t.skew_s:+.1f}"
        status, detail = "ok", f"latency {ms} ms, clock skew {fine} s"
        said = ("diag.detail.platform.probe_ok", (("ms", ms), ("skew", fine)))
    return PlatformProbe(True, True, latency, t.skew_s, status, detail, *said)
