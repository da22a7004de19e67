"""The platform client: one shared requests.Session, signed requests, validated answers, typed errors.

    client = PlatformClient(config.platform, config.terminal.terminal_id, status=status)
    apps = client.applications_of(id_number)            # tuple[Application, ...]

Every method blocks (run it through BackgroundWork, never on the UI thread) and either returns a
model from kiosk.platform.models or raises PlatformUnavailable / PlatformRejected /
InvalidResponse (kiosk.platform.errors), each with a `message_key`.

Retries. Only calls that are safe to repeat are retried: the read-only ones (GET, and the POST
queries that carry an ID number in the body instead of the URL) and the two writes that carry
their own idempotency key (rating submission: `idempotency_key`; help request: `request_id`),
which the platform records once however often they arrive. A heartbeat is not retried: the next
one supersedes it. A retry happens after a connection failure or a 5xx/429, with exponential
backoff (retry_backoff_s, doubled each time, at most 4 s), and is signed afresh (new timestamp and
nonce; the platform would reject a reused nonce). A read timeout is not retried: the platform
already had read_timeout_s to answer and the citizen is waiting.

Limits. A call has one deadline, call_deadline_s from its start: connecting, sending, every read
of the answer and every retry and backoff fit in it (no attempt or backoff starts past it), and
the wait for each read is cut to what is left, so a platform that trickles its answer a byte at a
time is given up at the deadline (PlatformUnavailable "deadline"), not read_timeout_s after each
byte. An answer is read in pieces as it arrives and never beyond max_response_bytes, counted on
the wire and again after gzip is undone (ResponseTooLarge); gzip is undone here, in bounded steps,
because an inflating answer of a few hundred kilobytes would otherwise become gigabytes in memory.
"""
from __future__ import annotations

import json
import logging
import re
import time
import zlib
from typing import Any, Callable, TypeVar
from urllib.parse import quote, urlsplit

import requests
import urllib3

from ..config.platform import PlatformSettings
from ..counters import timed_platform_call
from .errors import InvalidResponse, PlatformRejected, PlatformUnavailable, ResponseTooLarge
from .models import (
    Application, Catalogue, Certificate, CertificateCopy, CertificatePrintData, Heartbeat, HeartbeatAck, HelpAck,
    HelpRequest, RatingAck, RatingOptions, RatingSubmission, ServerTime,
)
from .parsing import (
    parse_application, parse_applications, parse_catalogue, parse_certificate_copy, parse_certificate_print_data,
    parse_certificates,
    parse_heartbeat_ack, parse_help_ack, parse_rating_ack, parse_rating_options,
)
from .signing import sign_headers
from .status import PlatformStatus
from .validation import Fields

log = logging.getLogger(__name__)
T = TypeVar("T")

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
MAX_BACKOFF_S = 4.0
REPLAY_HEADER = "Idempotent-Replayed"
_RETRYABLE = ("connect", "server_error", "busy")
READ_CHUNK = 64 * 1024
# What this client undoes itself (see _Body); brotli or zstd are not asked for.
ACCEPTED_ENCODINGS = "gzip, deflate"
_GZIP_OR_ZLIB = 32 + zlib.MAX_WBITS     # zlib's "detect the gzip or zlib header" window
_ID_TEXT = r"[A-Za-z0-9_.-]{1,64}"
# The UI languages as language tags for Accept-Language (the contract's "Language of the
# platform's texts"): the citizen's language first, the platform's Chinese after it.
LANGUAGE_TAGS = {"zh_CN": "zh-CN", "en": "en", "mn": "mn-Mong-CN", "x-mn-pseudo": "x-mn-pseudo"}


def accept_language(ui_language: str | None) -> str | None:
    """The Accept-Language header for a UI language (None: none is sent, the platform answers Chinese)."""
    tag = LANGUAGE_TAGS.get(ui_language or "")
    if tag is None:
        return None
    return tag if tag == "zh-CN" else f"{tag}, zh-CN;q=0.5"


class PlatformClient:
    def __init__(self, settings: PlatformSettings, terminal_id: str, *, base_url: str | None = None,
                 status: PlatformStatus | None = None, session: requests.Session | None = None,
                 sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.time,
                 monotonic: Callable[[], float] = time.monotonic):
        """`base_url` overrides settings.base_url (the composition root passes the simulator's).
        `clock` is the wall clock the signature carries; `monotonic` measures the call's deadline."""
        url = (base_url if base_url is not None else settings.base_url).rstrip("/")
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"platform base_url must be an http(s) address, got {url!r}")
        if parts.scheme == "http" and parts.hostname not in LOOPBACK_HOSTS:
            raise ValueError("platform base_url must use https (plain http only to 127.0.0.1)")
        self.base_url = url
        self._base_path = parts.path
        self.settings = settings
        self.terminal_id = terminal_id
        self.status = status if status is not None else PlatformStatus()
        self._sleep = sleep
        self._clock = clock
        self._monotonic = monotonic
        self._timeout = (settings.connect_timeout_s, settings.read_timeout_s)
        self._verify: bool | str = settings.ca_bundle or True
        self._session = session or requests.Session()
        # Explicit beats ambient: no proxy or CA bundle picked up from the environment by accident.
        self._session.trust_env = False
        if settings.proxy_url:
            self._session.proxies = {"http": settings.proxy_url, "https": settings.proxy_url}
        self._session.headers.update({"Accept": "application/json", "Accept-Encoding": ACCEPTED_ENCODINGS,
                                      "User-Agent": "kiosk-terminal"})
        # The citizen's language, asked on every call (the app sets it to its catalogue's language).
        self.content_language: Callable[[], str | None] = lambda: None

    # ---- the contract, one method per operation -------------------------------------------------

    def server_time(self) -> ServerTime:
        """The platform's clock and the skew of ours (diagnostics). Works even if our clock is off."""
        started = self._clock()
        data, _ = self._call("time.get", "GET", "/time", idempotent=True)
        ended = self._clock()
        f = Fields(data, endpoint="time.get")
        server = f.moment("server_time")
        epoch_ms = f.integer("epoch_ms")
        return ServerTime(server_time=server, round_trip_s=ended - started,
                          skew_s=epoch_ms / 1000 - (started + ended) / 2)

    def applications_of(self, id_number: str, limit: int | None = None) -> tuple[Application, ...]:
        """The applicant's applications, newest first; at most `limit` of them (the newest) when
        given. The ID number travels in the body only."""
        body: dict[str, Any] = {"id_number": id_number}
        if limit is not None:
            body["limit"] = limit
        data, _ = self._call("applications.query", "POST", "/applications/query", body, idempotent=True)
        return parse_applications(Fields(data, endpoint="applications.query"))

    def application(self, application_no: str) -> Application:
        """One application by its 办件编号 (typed on the keypad). PlatformRejected
        application_not_found when there is none."""
        _check_id("application_no", application_no)
        data, _ = self._call("applications.get", "GET", f"/applications/{quote(application_no, safe='')}",
                             idempotent=True)
        return parse_application(Fields(data, endpoint="applications.get").obj("application"))

    def certificates_of(self, holder_id_number: str) -> tuple[Certificate, ...]:
        data, _ = self._call("certificates.query", "POST", "/certificates/query",
                             {"holder_id_number": holder_id_number}, idempotent=True)
        return parse_certificates(Fields(data, endpoint="certificates.query"))

    def certificate_print_data(self, certificate_id: str, holder_id_number: str) -> CertificatePrintData:
        """What to print for one certificate. The platform answers only for its holder
        (PlatformRejected not_holder otherwise)."""
        _check_id("certificate_id", certificate_id)
        data, _ = self._call("certificates.print_data", "POST",
                             f"/certificates/{quote(certificate_id, safe='')}/print-data",
                             {"holder_id_number": holder_id_number}, idempotent=True)
        return parse_certificate_print_data(Fields(data, endpoint="certificates.print_data"))

    def certificate_copy(self, certificate_id: str, holder_id_number: str) -> CertificateCopy:
        """The platform's printable copy (PDF) of one certificate, with its 核验码 and verification
        address; only for its holder (PlatformRejected not_holder otherwise). InvalidResponse when
        the copy is not a whole, readable PDF or lacks what the footer needs."""
        _check_id("certificate_id", certificate_id)
        data, _ = self._call("certificates.copy", "POST", f"/certificates/{quote(certificate_id, safe='')}/copy",
                             {"holder_id_number": holder_id_number}, idempotent=True)
        return parse_certificate_copy(Fields(data, endpoint="certificates.copy"))

    def catalogue(self) -> Catalogue:
        data, _ = self._call("catalogue.get", "GET", "/catalogue", idempotent=True)
        return parse_catalogue(Fields(data, endpoint="catalogue.get"))

    def rating_options(self) -> RatingOptions:
        data, _ = self._call("rating_options.get", "GET", "/rating-options", idempotent=True)
        return parse_rating_options(Fields(data, endpoint="rating_options.get"))

    def submit_rating(self, rating: RatingSubmission) -> RatingAck:
        """Idempotent by rating.idempotency_key: a resend gets the first acknowledgement back
        (ack.replayed is True), so retries and outbox resends never make a second record."""
        data, headers = self._call("ratings.submit", "POST", "/ratings", rating.to_json(), idempotent=True)
        replayed = headers.get(REPLAY_HEADER, "").lower() == "true"
        return parse_rating_ack(Fields(data, endpoint="ratings.submit"), replayed)

    def send_heartbeat(self, heartbeat: Heartbeat) -> HeartbeatAck:
        data, _ = self._call("heartbeats.submit", "POST", "/heartbeats", heartbeat.to_json(self.terminal_id),
                             idempotent=False)
        return parse_heartbeat_ack(Fields(data, endpoint="heartbeats.submit"))

    def send_help_request(self, request: HelpRequest) -> HelpAck:
        """Idempotent by request.request_id (the hall sees one request however often it is sent)."""
        data, _ = self._call("help_requests.submit", "POST", "/help-requests",
                             request.to_json(self.terminal_id), idempotent=True)
        return parse_help_ack(Fields(data, endpoint="help_requests.submit"))

    def close(self) -> None:
        self._session.close()

    def worst_case_s(self, idempotent: bool = True) -> float:
        """The longest one method can block (every attempt timing out, plus the backoffs, within
        the call's deadline); a BackgroundWork job around a call should allow at least this much."""
        attempts = 1 + (self.settings.retries if idempotent else 0)
        per_attempt = self.settings.connect_timeout_s + self.settings.read_timeout_s
        backoffs = sum(min(MAX_BACKOFF_S, self.settings.retry_backoff_s * 2 ** i) for i in range(attempts - 1))
        return min(attempts * per_attempt + backoffs, self.settings.call_deadline_s)

    # ---- transport --------------------------------------------------------------------------------

    def _call(self, operation: str, method: str, path: str, body: dict | None = None, *,
              idempotent: bool) -> tuple[Any, Any]:
        deadline = self._monotonic() + self.settings.call_deadline_s
        attempts = 1 + (self.settings.retries if idempotent else 0)
        payload = b"" if body is None else json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
        for attempt in range(1, attempts + 1):
            try:
                result = timed_platform_call(
                    operation, lambda: self._send_once(operation, method, path, payload, deadline))
            except PlatformUnavailable as exc:
                if attempt < attempts and exc.reason in _RETRYABLE:
                    delay = min(MAX_BACKOFF_S, self.settings.retry_backoff_s * 2 ** (attempt - 1))
                    if self._monotonic() + delay < deadline:
                        log.info("platform %s: %s, retry %d/%d in %.2f s", operation, exc.reason, attempt,
                                 attempts - 1, delay)
                        self._sleep(delay)
                        continue
                    log.info("platform %s: %s, no time left for a retry within %g s", operation, exc.reason,
                             self.settings.call_deadline_s)
                self.status.record_failure(exc)
                raise
            except PlatformRejected as exc:
                # The platform answered; it is reachable unless it refuses the terminal itself.
                if exc.is_credentials:
                    self.status.record_failure(exc)
                else:
                    self.status.record_success()
                raise
            self.status.record_success()
            return result
        raise AssertionError("unreachable")  # pragma: no cover

    def _send_once(self, operation: str, method: str, path: str, payload: bytes,
                   deadline: float) -> tuple[Any, Any]:
        left = self._left(deadline)
        headers = {"Content-Type": "application/json"} if payload else {}
        language = accept_language(self.content_language())
        if language:
            headers["Accept-Language"] = language
        request = requests.Request(method, self.base_url + path, data=payload or None, headers=headers)
        prepared = self._session.prepare_request(request)
        # The contract signs the request target exactly as it goes on the wire: path_url is what
        # requests puts in the request line (base path included, percent-encoded, "?query" if any).
        prepared.headers.update(sign_headers(self.settings.secret, self.terminal_id, method, prepared.path_url,
                                             payload, now=self._clock()))
        started = time.perf_counter()
        timeout = (min(self._timeout[0], left), min(self._timeout[1], left))
        try:
            response = self._session.send(prepared, timeout=timeout, verify=self._verify,
                                          allow_redirects=False, stream=True)
        except requests.exceptions.SSLError as exc:
            raise PlatformUnavailable("tls", type(exc).__name__) from None
        except requests.exceptions.ConnectTimeout:
            if timeout[0] < self._timeout[0]:       # the wait the deadline cut short ran out
                raise _past_deadline(self.settings) from None
            raise PlatformUnavailable("connect", "connect timeout") from None
        except requests.exceptions.ReadTimeout:
            if timeout[1] < self._timeout[1]:
                raise _past_deadline(self.settings) from None
            raise PlatformUnavailable("timeout", f"no answer within {self._timeout[1]:g} s") from None
        except requests.exceptions.RequestException as exc:
            raise PlatformUnavailable("connect", type(exc).__name__) from None
        try:
            code = response.status_code
            if code >= 500 or code == 429:     # the body does not matter: not read
                raise PlatformUnavailable("busy" if code == 429 else "server_error", operation, http_status=code)
            # Read to its end, urllib3 hands the connection back for the next call; cut short,
            # close() below drops it (what is left of the answer must not reach the next call).
            content = _Body(response, operation, self.settings, deadline, self._monotonic).read()
        finally:
            response.close()
        elapsed_ms = (time.perf_counter() - started) * 1000
        log.debug("platform %s -> %d in %.1f ms", operation, code, elapsed_ms)
        return _interpret(operation, code, response.headers, content), response.headers

    def _left(self, deadline: float) -> float:
        """Seconds left of the call, or PlatformUnavailable "deadline" when none are."""
        left = deadline - self._monotonic()
        if left <= 0:
            raise _past_deadline(self.settings)
        return left


class _Body:
    """One answer's body, read as it arrives within the size cap and the call's deadline.

    Reads are read1: each returns what one receive brought, so the deadline is looked at between
    pieces however slowly they come, and the socket's wait is cut to what is left of the call.
    The body is taken off the wire undecoded and inflated here with an output bound per step
    (zlib's max_length), so no single step can produce more than the cap allows.
    """

    def __init__(self, response: requests.Response, operation: str, settings: PlatformSettings,
                 deadline: float, monotonic: Callable[[], float]):
        self.response = response
        self.operation = operation
        self.limit = settings.max_response_bytes
        self.settings = settings
        self.deadline = deadline
        self.monotonic = monotonic

    def read(self) -> bytearray:
        """The whole body (inflated), or ResponseTooLarge, PlatformUnavailable, InvalidResponse."""
        declared = self.response.headers.get("Content-Length", "").strip()
        if declared.isdigit() and int(declared) > self.limit:
            raise ResponseTooLarge("declared", self.limit, self.operation)
        inflater = self._inflater()
        body = bytearray()
        received = 0
        while True:
            chunk = self._next_piece()
            if not chunk:
                break
            received += len(chunk)
            if received > self.limit:
                raise ResponseTooLarge("received", self.limit, self.operation)
            if inflater is None:
                body += chunk
            else:
                # At most one byte past the cap comes out of this step; the rest stays in the inflater.
                self._inflate(body, lambda: inflater.decompress(chunk, self.limit + 1 - len(body)))
        if inflater is not None:
            self._inflate(body, inflater.flush)
            if not inflater.eof:
                raise InvalidResponse("<body>", "compressed answer cut short", self.operation)
        return body

    def _inflater(self) -> Any:
        encoding = self.response.headers.get("Content-Encoding", "").strip().lower()
        if encoding in ("", "identity"):
            return None
        if encoding in ("gzip", "x-gzip", "deflate"):
            return zlib.decompressobj(_GZIP_OR_ZLIB)
        raise InvalidResponse("<content-encoding>", f"{encoding!r} was not asked for", self.operation)

    def _inflate(self, body: bytearray, step: Callable[[], bytes]) -> None:
        try:
            body += step()
        except zlib.error:
            raise InvalidResponse("<body>", "compressed answer is damaged", self.operation) from None
        if len(body) > self.limit:
            raise ResponseTooLarge("decompressed", self.limit, self.operation)

    def _next_piece(self) -> bytes:
        left = self.deadline - self.monotonic()
        if left <= 0:
            raise _past_deadline(self.settings)
        wait = min(self.settings.read_timeout_s, left)
        self._wait_at_most(wait)
        try:
            return self.response.raw.read1(READ_CHUNK, decode_content=False)
        except urllib3.exceptions.ReadTimeoutError:
            if wait < self.settings.read_timeout_s:     # the wait the deadline cut short ran out
                raise _past_deadline(self.settings) from None
            raise PlatformUnavailable("timeout", f"answer stalled for {self.settings.read_timeout_s:g} s") from None
        except (urllib3.exceptions.HTTPError, OSError) as exc:
            raise PlatformUnavailable("connect", f"answer cut short ({type(exc).__name__})") from None

    def _wait_at_most(self, seconds: float) -> None:
        """Shortens the socket's wait for the next piece (urllib3 sets it afresh for each request)."""
        sock = getattr(getattr(self.response.raw, "connection", None), "sock", None)
        if sock is not None:
            sock.settimeout(seconds)


def _past_deadline(settings: PlatformSettings) -> PlatformUnavailable:
    return PlatformUnavailable("deadline", f"no complete answer within {settings.call_deadline_s:g} s")


def _interpret(operation: str, code: int, headers: Any, content: bytearray) -> Any:
    if code >= 400:
        error_code, message, server_time = _error_fields(content)
        if error_code is None:
            error_code = "unauthorized" if code == 401 else f"http_{code}"
        raise PlatformRejected(error_code, message, http_status=code, server_time=server_time)
    if not 200 <= code < 300:
        raise InvalidResponse("<status>", f"unexpected HTTP {code}", operation)
    content_type = headers.get("Content-Type", "")
    if content_type.split(";")[0].strip().lower() != "application/json":
        raise InvalidResponse("<content-type>", f"expected application/json, got {content_type or 'none'!r}",
                              operation)
    try:
        return json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise InvalidResponse("<body>", "not valid JSON", operation) from None


def _error_fields(content: bytearray) -> tuple[str | None, str, str | None]:
    """The platform's {"error": {"code", "message"}} body, or (None, "", None) when it has none."""
    try:
        error = json.loads(content.decode("utf-8")).get("error")
        code = error.get("code")
        if isinstance(code, str) and code:
            message = error.get("message")
            server_time = error.get("server_time")
            return (code, message if isinstance(message, str) else "",
                    server_time if isinstance(server_time, str) else None)
    except (UnicodeDecodeError, ValueError, AttributeError):
        pass
    return None, "", None


def _check_id(name: str, value: str) -> None:
    if not isinstance(value, str) or not re.fullmatch(_ID_TEXT, value):
        raise ValueError(f"{name} must be 1-64 letters, digits, '.', '_' or '-'")
