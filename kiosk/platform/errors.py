"""What can go wrong when the terminal talks to the platform, one type per thing someone must act on.

Every error carries `message_key`, a key in the "platform" message catalogue, so a screen shows
what to do next without knowing HTTP. None of them ever holds personal data in its text.
"""
from __future__ import annotations


class PlatformError(Exception):
    """Base of the platform errors; `message_key` names the citizen-facing text."""

    message_key = "platform.unavailable"


class PlatformUnavailable(PlatformError):
    """The platform could not be reached or did not answer usefully (no network, timeout, 5xx).

    `reason` is one of "connect", "timeout", "server_error", "busy" (429), "tls", "deadline" (the
    whole call outlasted [platform] call_deadline_s, e.g. an answer trickling in); the citizen is
    sent to the window, the 12345 hotline or 蒙速办, and the terminal goes offline until a call
    succeeds again.
    """

    message_key = "platform.unavailable"

    def __init__(self, reason: str, detail: str = "", http_status: int | None = None):
        self.reason = reason
        self.detail = detail
        self.http_status = http_status
        text = f"platform unavailable ({reason})"
        if http_status is not None:
            text += f", HTTP {http_status}"
        if detail:
            text += f": {detail}"
        super().__init__(text)


# Rejections whose cause is the terminal's credentials or clock, not the citizen's request:
# the terminal cannot use the platform at all until a technician acts.
CREDENTIAL_CODES = frozenset({
    "missing_signature", "bad_signature", "unknown_terminal", "stale_timestamp", "reused_nonce",
    "unauthorized",
})

_KEYS_BY_CODE = {
    "application_not_found": "platform.application_not_found",
    "certificate_not_found": "platform.certificate_not_found",
    "not_holder": "platform.not_holder",
    "duplicate_rating": "platform.already_rated",
    "idempotency_conflict": "platform.rejected",
    "invalid_request": "platform.rejected",
}


class PlatformRejected(PlatformError):
    """The platform answered and said no (4xx with an error code), e.g. application_not_found."""

    def __init__(self, code: str, message: str = "", http_status: int | None = None,
                 server_time: str | None = None):
        self.code = code
        self.message = message
        self.http_status = http_status
        # Sent with stale_timestamp so diagnostics can show the clock skew.
        self.server_time = server_time
        super().__init__(f"platform rejected the request: {code}" + (f" ({message})" if message else ""))

    @property
    def is_credentials(self) -> bool:
        """True when the terminal's secret, id or clock is the problem (technician, not citizen)."""
        return self.code in CREDENTIAL_CODES

    @property
    def message_key(self) -> str:  # type: ignore[override]
        if self.is_credentials:
            return "platform.unavailable"
        return _KEYS_BY_CODE.get(self.code, "platform.rejected")


class InvalidResponse(PlatformError):
    """The platform answered with something the terminal cannot use; `field` names where.

    `field` is a path into the response ("applications[2].timeline[0].at"), or "<body>" when the
    body is not JSON or "<content-type>" when it is not declared as JSON.
    """

    message_key = "platform.invalid_response"

    def __init__(self, field: str, problem: str, endpoint: str = ""):
        self.field = field
        self.problem = problem
        self.endpoint = endpoint
        where = f"{endpoint}: " if endpoint else ""
        super().__init__(f"invalid platform response: {where}{field}: {problem}")


class ResponseTooLarge(InvalidResponse):
    """The answer is larger than [platform] max_response_bytes: declared so (Content-Length), or
    counted so as it arrived, before or after gzip was undone. Refused without reading further,
    so an endless or inflating answer cannot take the kiosk's memory.

    `stage` is "declared", "received" (bytes on the wire) or "decompressed"; `limit` the cap.
    The citizen is told the platform cannot be used now, as for a platform that is down.
    """

    message_key = "platform.unavailable"
    reason = "too_large"     # the metrics' word for it (kiosk/counters.py)

    def __init__(self, stage: str, limit: int, endpoint: str = ""):
        self.stage = stage
        self.limit = limit
        super().__init__("<body>", f"larger than {limit} bytes ({stage})", endpoint)
