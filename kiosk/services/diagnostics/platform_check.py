"""Platform checks: reachable, latency, clock skew, credentials (kiosk.platform.probe does the
one signed call; this turns its answer into results with hints)."""
from __future__ import annotations

from ...platform.probe import SKEW_LIMIT_S, SKEW_WARN_S, probe
from .context import DiagContext
from .results import CheckResult, failure, ok, warning

LATENCY_WARN_MS = 1500.0
HINT_REACH = "check the network cable / 4G router and [platform] base_url; ask the bureau whether the platform is up"
HINT_LATENCY = "the network is slow: check the router's signal; pages will load slowly"
HINT_CLOCK = "set the system time (timedatectl set-ntp true, or date -s) — signed requests fail beyond 300 s"
HINT_CREDENTIALS = "the platform refused the terminal's credentials: check [terminal] terminal_id and [platform] secret"


def check_platform(ctx: DiagContext) -> list[CheckResult]:
    platform = ctx.part("platform")
    if platform is None:
        why = ctx.problem_of("platform") or "the platform client is not running"
        return [failure("platform.reachable", f"not started: {why}", HINT_REACH)]
    p = probe(platform)
    if not p.reachable:
        return [failure("platform.reachable", p.detail, HINT_REACH)]
    results = [ok("platform.reachable", f"{platform.base_url} answers")]
    if p.credentials_ok is False:
        results.append(failure("platform.credentials", p.detail, HINT_CREDENTIALS))
        return results
    if p.latency_ms is None or p.skew_s is None:
        results.append(failure("platform.credentials", p.detail, HINT_REACH))
        return results
    results.append(ok("platform.credentials", "signed request accepted"))
    results.append(warning("platform.latency", f"{p.latency_ms:.0f} ms", HINT_LATENCY)
                   if p.latency_ms > LATENCY_WARN_MS else ok("platform.latency", f"{p.latency_ms:.0f} ms"))
    skew = p.skew_s
    if abs(skew) > SKEW_LIMIT_S:
        results.append(failure("platform.clock", f"terminal clock off by {-skew:+.0f} s", HINT_CLOCK))
    elif abs(skew) > SKEW_WARN_S:
        results.append(warning("platform.clock", f"terminal clock off by {-skew:+.0f} s", HINT_CLOCK))
    else:
        results.append(ok("platform.clock", f"skew {-skew:+.1f} s"))
    return results
