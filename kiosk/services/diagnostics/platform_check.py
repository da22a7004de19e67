"""Platform checks: reachable, latency, clock skew, credentials (kiosk.platform.probe does the
one signed call; this turns its answer into results with hints)."""
from __future__ import annotations

from ...platform.probe import SKEW_LIMIT_S, SKEW_WARN_S, probe
from .context import DiagContext
from .results import CheckResult, Hint, failure, ok, warning

LATENCY_WARN_MS = 1500.0
HINT_REACH = Hint("check the network cable / 4G router and [platform] base_url; ask the bureau whether the platform "
                  "is up", "diag.hint.platform.reach")
HINT_LATENCY = Hint("the network is slow: check the router's signal; pages will load slowly", "diag.hint.platform.latency")
HINT_CLOCK = Hint("set the system time (timedatectl set-ntp true, or date -s) — signed requests fail beyond 300 s",
                  "diag.hint.platform.clock")
HINT_CREDENTIALS = Hint("the platform refused the terminal's credentials: check [terminal] terminal_id and [platform] "
                        "secret", "diag.hint.platform.credentials")


def check_platform(ctx: DiagContext) -> list[CheckResult]:
    platform = ctx.part("platform")
    if platform is None:
        why = ctx.problem_of("platform") or "the platform client is not running"
        return [failure("platform.reachable", f"not started: {why}", HINT_REACH, key="diag.detail.not_started",
                        values={"why": why})]
    p = probe(platform)
    said = {"key": p.detail_key, "values": dict(p.detail_values)}
    if not p.reachable:
        return [failure("platform.reachable", p.detail, HINT_REACH, **said)]
    url = ctx.shown("url", platform.base_url)
    results = [ok("platform.reachable", f"{url} answers", key="diag.detail.platform.answers", values={"url": url})]
    if p.credentials_ok is False:
        results.append(failure("platform.credentials", p.detail, HINT_CREDENTIALS, **said))
        return results
    if p.latency_ms is None or p.skew_s is None:
        results.append(failure("platform.credentials", p.detail, HINT_REACH, **said))
        return results
    results.append(ok("platform.credentials", "signed request accepted", key="diag.detail.platform.accepted"))
    ms = ctx.shown("latency_ms", f"{p.latency_ms:.0f}")
    latency = {"key": "diag.detail.platform.latency", "values": {"ms": ms}}
    results.append(warning("platform.latency", f"{ms} ms", HINT_LATENCY, **latency)
                   if p.latency_ms > LATENCY_WARN_MS else ok("platform.latency", f"{ms} ms", **latency))
    skew = p.skew_s
    off_by = ctx.shown("skew_s", f"{-skew:+.0f}")
    off = {"key": "diag.detail.platform.clock_off", "values": {"skew": off_by}}
    if abs(skew) > SKEW_LIMIT_S:
        results.append(failure("platform.clock", f"terminal clock off by {off_by} s", HINT_CLOCK, **off))
    elif abs(skew) > SKEW_WARN_S:
        results.append(warning("platform.clock", f"terminal clock off by {off_by} s", HINT_CLOCK, **off))
    else:
        fine = ctx.shown("skew_s", f"{-skew:+.1f}")
        results.append(ok("platform.clock", f"skew {fine} s", key="diag.detail.platform.skew", values={"skew": fine}))
    return results
