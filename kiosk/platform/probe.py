"""One check of the platform for diagnostics (screen and `kiosk diag`): reachable, latency,
clock skew, credentials — from a single signed call to the server-time endpoint, which the
platform answers even when the terminal's clock is wrong, so a wrong clock and a wrong secret
are told apart."""
from __future__ import annotations

from dataclasses import dataclass

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


def probe(client: PlatformClient) -> PlatformProbe:
    try:
        t = client.server_time()
    except PlatformUnavailable as exc:
        return PlatformProbe(False, None, None, None, "fault", f"unreachable: {exc.reason} {exc.detail}".strip())
    except PlatformRejected as exc:
        return PlatformProbe(True, not exc.is_credentials, None, None, "fault",
                             f"rejected: {exc.code} (check terminal id and secret)" if exc.is_credentials
                             else f"rejected: {exc.code}")
    except InvalidResponse as exc:
        return PlatformProbe(True, None, None, None, "fault", f"invalid answer: {exc.field} {exc.problem}")
    latency = t.round_trip_s * 1000
    if abs(t.skew_s) > SKEW_LIMIT_S:
        status, detail = "fault", f"clock off by {t.skew_s:+.0f} s: the platform will refuse requests; set the time"
    elif abs(t.skew_s) > SKEW_WARN_S:
        status, detail = "warning", f"clock off by {t.skew_s:+.0f} s"
    else:
        status, detail = "ok", f"latency {latency:.0f} ms, clock skew {t.skew_s:+.1f} s"
    return PlatformProbe(True, True, latency, t.skew_s, status, detail)
