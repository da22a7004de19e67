"""Counts of things that happen, for Prometheus: incremented where they happen, one line each.

    from ..counters import count_print_job
    count_print_job("uncertain")

A leaf helper (drivers and the platform client import it), so it knows no part: the scrape-time
view of the running parts (states, paper, outbox) is kiosk.services.metrics, which also serves
these. Labels are fixed words (an outcome, an operation name, a flow key), never anything a
citizen typed or carried: no label can hold personal data, and the number of series stays small.

Counters are per process and start at 0 at every start, as Prometheus expects (rate() and
increase() see the restart).
"""
from __future__ import annotations

import time
from typing import Callable, TypeVar

from prometheus_client import CollectorRegistry, Counter, Histogram, disable_created_metrics

T = TypeVar("T")

# No *_created series beside each counter: Prometheus sees a restart by the counter's reset, and
# the extra series would double what every terminal sends.
disable_created_metrics()

REGISTRY = CollectorRegistry()

PRINT_JOBS = Counter("kiosk_print_jobs", "Receipt printer jobs by outcome: printed; failed (nothing printed: "
                     "paper out, cover open, unreachable); uncertain (sent, not confirmed: offered as 补打)",
                     ["outcome"], registry=REGISTRY)
CARD_READS = Counter("kiosk_card_reads", "ID cards placed on the reader, by outcome: read, or failed "
                     "(the citizen was asked to place the card again)", ["outcome"], registry=REGISTRY)
READER_FAULTS = Counter("kiosk_reader_faults", "Times the ID card reader went out of order (port gone, "
                        "no answer, SAM failure)", registry=REGISTRY)
PLATFORM_CALL_SECONDS = Histogram("kiosk_platform_call_seconds", "Duration of each request to the platform "
                                  "(every attempt, answered or not), by operation", ["operation"],
                                  buckets=(0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0), registry=REGISTRY)
PLATFORM_CALL_ERRORS = Counter("kiosk_platform_call_errors", "Platform requests that failed, by operation and "
                               "reason (connect, timeout, server_error, busy, tls, credentials, rejected, "
                               "invalid_response)", ["operation", "reason"], registry=REGISTRY)
SESSIONS = Counter("kiosk_sessions", "Citizen sessions begun, by flow (the home tile tapped)", ["flow"],
                   registry=REGISTRY)

# Series that exist from the start (at 0), so a dashboard shows 0 rather than nothing.
for _outcome in ("printed", "failed", "uncertain"):
    PRINT_JOBS.labels(_outcome)
for _outcome in ("read", "failed"):
    CARD_READS.labels(_outcome)


def count_print_job(outcome: str) -> None:
    PRINT_JOBS.labels(outcome).inc()


def count_card_read(outcome: str) -> None:
    CARD_READS.labels(outcome).inc()


def count_reader_fault() -> None:
    READER_FAULTS.inc()


def count_session(flow: str) -> None:
    SESSIONS.labels(flow).inc()


def timed_platform_call(operation: str, call: Callable[[], T]) -> T:
    """call() timed into the latency histogram; a failure also counted by its reason, then re-raised."""
    started = time.perf_counter()
    try:
        return call()
    except Exception as exc:
        PLATFORM_CALL_ERRORS.labels(operation, _reason(exc)).inc()
        raise
    finally:
        PLATFORM_CALL_SECONDS.labels(operation).observe(time.perf_counter() - started)


def _reason(exc: Exception) -> str:
    """A fixed word for a platform error (duck-typed: this leaf does not import kiosk.platform).
    PlatformUnavailable carries `reason`; a PlatformRejected refusing the terminal itself is
    `credentials`; any other refusal (a 办件 not found ...) is `rejected`."""
    reason = getattr(exc, "reason", None)
    if isinstance(reason, str) and reason.isidentifier():
        return reason
    if getattr(exc, "is_credentials", False):
        return "credentials"
    return {"PlatformRejected": "rejected", "InvalidResponse": "invalid_response"}.get(type(exc).__name__, "other")
