"""The platform simulator: the contract of kiosk/platform/openapi.yaml on 127.0.0.1, with the
sample people's data (platform_data.py), signature checks and fault injection.

In-process (the app's embedded default configuration, tests, benchmarks):

    sim = start_platform_simulator(secret, port=0)
    sim.base_url                      # http://127.0.0.1:PORT/kiosk/v1
    sim.set_fault("hang")             # every endpoint; or set_fault("error500", "ratings.submit", times=1)
    sim.set_fault("error500", "ratings.submit", application_no="...")   # only requests about that 办件
    sim.clear_faults()
    sim.add_applications(id_number, 2000)   # a holder with a long history (long lists)
    sim.ratings, sim.heartbeats, sim.help_requests   # what arrived (copies)
    sim.request_count("ratings.submit")
    sim.stop()

From a shell: `kiosk sim platform [--port N] [--secret S] [--today YYYY-MM-DD]`, then commands on
stdin: `fault KIND [OPERATION|*] [SECONDS] [TIMES]`, `clear [OPERATION]`, `faults`, `stats`,
`numbers` (sample 办件编号), `quit`.

Fault kinds: latency (answer after SECONDS), hang (answer nothing until the client gives up),
error500, malformed (truncated JSON), wrong_content_type (an HTML page), unauthorized (401).
Hostile bodies (outside the contract, see _send_hostile_body): huge (150 MB of JSON, chunked, no
Content-Length), huge_declared (the same with its Content-Length), gzip_bomb (408 KB of gzip
that inflates to 400 MiB), trickle (a valid answer one byte every 0.25 s, for SECONDS, default 70).
Operations are the operationIds of the contract (time.get, applications.query ...). A fault
given an application_no hits only requests about that 办件 (its number in the path or the body),
once they have passed the contract: one rating the platform keeps refusing among good ones.

The contract is enforced, not imitated (contract_check.py, openapi-core): requests are routed by
the document's paths (unknown path 404, known path with another method 405 with Allow, any method,
always a JSON Error body), then the signature is verified, then the request is checked against
the document (400 invalid_request) before a handler sees it, and every answer is checked before
it goes out (an answer that would break the document becomes a logged 500). Handlers hold only
the rules a schema cannot: published rating options, the signing terminal, what exists.
"""
from __future__ import annotations

import base64
import hashlib
import json
import logging
import ssl
import sys
import threading
import time
import zlib
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable
from urllib.parse import urlsplit

from ..platform.models import CHINA_TZ
from ..platform.signing import DEFAULT_WINDOW_S, TERMINAL_FORMAT, SignatureError, Verifier
from .contract_check import Contract, ContractViolation, Resolved
from .platform_data import Dataset, add_many_applications, build_dataset
from .platform_languages import LOCALISED, answer_language, in_language

log = logging.getLogger(__name__)

BASE_PATH = "/kiosk/v1"
HOST = "127.0.0.1"
HOSTILE_BODIES = ("huge", "huge_declared", "gzip_bomb", "trickle")
FAULT_KINDS = ("latency", "hang", "error500", "malformed", "wrong_content_type", "unauthorized") + HOSTILE_BODIES
MAX_BODY = 1_000_000
JSON_TYPE = "application/json; charset=utf-8"

# operationId -> handler; the routes themselves come from the contract (see ROUTES).
HANDLERS: dict[str, str] = {
    "time.get": "_time",
    "applications.query": "_applications_query",
    "applications.get": "_application_get",
    "certificates.query": "_certificates_query",
    "certificates.print_data": "_print_data",
    "certificates.copy": "_certificate_copy",
    "catalogue.get": "_catalogue",
    "rating_options.get": "_rating_options",
    "ratings.submit": "_ratings_submit",
    "heartbeats.submit": "_heartbeats_submit",
    "help_requests.submit": "_help_submit",
}
OPERATIONS = tuple(HANDLERS)


class RequestError(Exception):
    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


@dataclass
class Fault:
    kind: str
    seconds: float = 0.0
    remaining: int | None = None    # None: until cleared


@lru_cache(maxsize=16)
def _copy_pdf(print_data_json: str) -> tuple[bytes, int, int]:
    """The platform-style PDF of one certificate, its pages and the strip left free at the
    bottom, made once per certificate: the layout takes ~0.5 s (the CJK font) and a holder may
    print the same copy again. Loaded on the first copy: fpdf2 is not needed before."""
    from ..devices.a4printer.document import count_pages
    from .certificate_pdf import FREE_BOTTOM, certificate_pdf

    pdf = certificate_pdf(json.loads(print_data_json))
    return pdf, count_pages(pdf), int(FREE_BOTTOM)


@lru_cache(maxsize=1)
def contract() -> Contract:
    """The contract, loaded (and validated) once per process, on first use."""
    loaded = Contract()
    if set(loaded.operations) != set(HANDLERS) or loaded.base_path != BASE_PATH:
        raise RuntimeError("the simulator's handlers and kiosk/platform/openapi.yaml disagree")
    return loaded


def __getattr__(name: str) -> Any:
    # ROUTES: (method, path pattern under BASE_PATH, operation id, handler name), from the contract.
    if name == "ROUTES":
        return tuple((r.method, r.pattern, r.operation, HANDLERS[r.operation]) for r in contract().routes)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class PlatformSimulator:
    """The running simulator; also the handle returned by start_platform_simulator."""

    def __init__(self, secret: str, port: int = 0, *, today: date | None = None,
                 terminal_secrets: dict[str, str] | None = None, window_s: float = DEFAULT_WINDOW_S,
                 satisfaction_codes: str = "gbt39046", hang_s: float = 120.0,
                 clock: Callable[[], float] = time.time, tls: tuple[str, str] | None = None):
        self.today = today or datetime.now(CHINA_TZ).date()
        self.data: Dataset = build_dataset(self.today, satisfaction_codes=satisfaction_codes)
        self.contract = contract()
        secrets = dict(terminal_secrets or {})
        # Any well-formed terminal id signs with the shared secret unless it has its own.
        self.verifier = Verifier(lambda t: secrets.get(t, secret) if TERMINAL_FORMAT.fullmatch(t) else None,
                                 window_s=window_s, clock=clock)
        self.hang_s = hang_s
        self._clock = clock
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._faults: dict[str, Fault] = {}          # operation or "*" -> fault
        self._ratings: dict[str, dict] = {}          # idempotency key -> {"body", "ack"}
        self._rating_slots: set[tuple] = set()       # (办件编号, evaluator ID, 评价次数) already rated
        self._heartbeats: list[dict] = []
        self._help: dict[str, dict] = {}             # request_id -> {"body", "ack"}
        self._counts: dict[str, int] = {}
        self._server = _Server((HOST, port), _handler_for(self))
        self._server.daemon_threads = True
        scheme = "http"
        if tls is not None:
            # (certificate file, key file): serves https, for testing the client's TLS verification.
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*tls)
            # The handshake runs on the request's own thread, not in the accept loop.
            self._server.socket = context.wrap_socket(self._server.socket, server_side=True,
                                                      do_handshake_on_connect=False)
            scheme = "https"
        self.port = self._server.server_address[1]
        self.base_url = f"{scheme}://{HOST}:{self.port}{BASE_PATH}"
        self._thread = threading.Thread(target=self._server.serve_forever, name="platform-sim", daemon=True)

    # ---- control ----------------------------------------------------------------------------

    def start(self) -> "PlatformSimulator":
        self._thread.start()
        log.info("platform simulator on %s (today = %s)", self.base_url, self.today)
        return self

    def stop(self) -> None:
        self._stopping.set()          # releases hanging requests
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def set_fault(self, kind: str, operation: str | None = None, *, seconds: float = 0.0,
                  times: int | None = None, application_no: str | None = None) -> None:
        """Injects a fault on one operation (None or "*": all). `seconds` is the latency's length
        (for hang: how long to hold the request, default hang_s); `times` limits how many requests
        it hits (None: until cleared); `application_no` limits it to requests about that 办件."""
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault {kind!r}; one of {', '.join(FAULT_KINDS)}")
        target = operation or "*"
        if target != "*" and target not in OPERATIONS:
            raise ValueError(f"unknown operation {target!r}; one of {', '.join(OPERATIONS)}")
        if kind == "gzip_bomb":
            _gzip_bomb()       # made now (1-2 s), not while a client waits for its answer
        with self._lock:
            self._faults[target if application_no is None else f"{target}@{application_no}"] = \
                Fault(kind, seconds, times)

    def clear_faults(self, operation: str | None = None) -> None:
        with self._lock:
            if operation is None:
                self._faults.clear()
            else:
                for key in [k for k in self._faults if k == operation or k.startswith(f"{operation}@")]:
                    del self._faults[key]

    def add_applications(self, id_number: str, count: int) -> int:
        """Gives a sample holder `count` more (older) applications; how many they have now."""
        with self._lock:
            return add_many_applications(self.data, id_number, count)

    def faults(self) -> dict[str, Fault]:
        with self._lock:
            return dict(self._faults)

    @property
    def ratings(self) -> list[dict]:
        """Ratings recorded, once per idempotency key, in arrival order."""
        with self._lock:
            return [json.loads(json.dumps(r["body"])) for r in self._ratings.values()]

    @property
    def heartbeats(self) -> list[dict]:
        with self._lock:
            return [dict(h) for h in self._heartbeats]

    @property
    def help_requests(self) -> list[dict]:
        with self._lock:
            return [dict(h["body"]) for h in self._help.values()]

    def request_count(self, operation: str | None = None) -> int:
        with self._lock:
            return sum(self._counts.values()) if operation is None else self._counts.get(operation, 0)

    def __enter__(self) -> "PlatformSimulator":
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ---- request handling -------------------------------------------------------------------

    def _take_fault(self, operation: str, application_no: str | None = None) -> Fault | None:
        """The fault to act out on this request (counted once, when application_no is None), or None."""
        with self._lock:
            if application_no is None:
                self._counts[operation] = self._counts.get(operation, 0) + 1
                keys: tuple[str, ...] = (operation, "*")
            else:
                keys = (f"{operation}@{application_no}", f"*@{application_no}")
            for key in keys:
                fault = self._faults.get(key)
                if fault is None:
                    continue
                if fault.remaining is not None:
                    fault.remaining -= 1
                    if fault.remaining <= 0:
                        del self._faults[key]
                return Fault(fault.kind, fault.seconds)
        return None

    def _now(self) -> datetime:
        return datetime.fromtimestamp(self._clock(), CHINA_TZ)

    def _time(self, req: "_Request") -> tuple[int, Any]:
        now = self._clock()
        return 200, {"server_time": datetime.fromtimestamp(now, CHINA_TZ).isoformat(timespec="milliseconds"),
                     "epoch_ms": int(now * 1000)}

    def _applications_query(self, req: "_Request") -> tuple[int, Any]:
        applications = self.data.applications_by_holder.get(req.body["id_number"], [])
        return 200, {"applications": applications[:req.body.get("limit", len(applications))]}

    def _application_get(self, req: "_Request") -> tuple[int, Any]:
        app = self.data.applications_by_no.get(req.params["application_no"])
        if app is None:
            raise RequestError(404, "application_not_found", "no application with this number")
        return 200, {"application": app}

    def _certificates_query(self, req: "_Request") -> tuple[int, Any]:
        return 200, {"certificates": self.data.certificates_by_holder.get(req.body["holder_id_number"], [])}

    def _print_data(self, req: "_Request") -> tuple[int, Any]:
        cid = req.params["certificate_id"]
        if cid not in self.data.print_data_by_id:
            raise RequestError(404, "certificate_not_found", "no certificate with this id")
        if self.data.holder_of_certificate[cid] != req.body["holder_id_number"]:
            raise RequestError(403, "not_holder", "only the holder may print this certificate")
        return 200, dict(self.data.print_data_by_id[cid], generated_at=self._now().isoformat(timespec="seconds"))

    def _certificate_copy(self, req: "_Request") -> tuple[int, Any]:
        cid = req.params["certificate_id"]
        if cid not in self.data.print_data_by_id:
            raise RequestError(404, "certificate_not_found", "no certificate with this id")
        if self.data.holder_of_certificate[cid] != req.body["holder_id_number"]:
            raise RequestError(403, "not_holder", "only the holder may print this certificate")
        data = self.data.print_data_by_id[cid]
        pdf, pages, free_bottom_mm = _copy_pdf(json.dumps(data, ensure_ascii=False, sort_keys=True))
        return 200, {"certificate_id": cid, "format": "pdf", "content_base64": base64.b64encode(pdf).decode("ascii"),
                     "content_sha256": hashlib.sha256(pdf).hexdigest(), "pages": pages,
                     "free_bottom_mm": free_bottom_mm, "verification_code": data["verification_code"],
                     "verification_url": data["verification_url"],
                     "generated_at": self._now().isoformat(timespec="seconds")}

    def _catalogue(self, req: "_Request") -> tuple[int, Any]:
        return 200, self.data.catalogue

    def _rating_options(self, req: "_Request") -> tuple[int, Any]:
        return 200, self.data.rating_options

    def _ratings_submit(self, req: "_Request") -> tuple[int, Any]:
        body = req.body
        req.require_signing_terminal()
        key = body["idempotency_key"]
        with self._lock:
            known = self._ratings.get(key)
            if known is not None:
                if known["body"] != body:
                    raise RequestError(409, "idempotency_conflict", "key already used for a different rating")
                req.replayed = True
                return 200, known["ack"]
        application_no = body["application_no"]
        if application_no not in self.data.applications_by_no:
            raise RequestError(404, "application_not_found", "no application with this number")
        options = next(lv for lv in self.data.rating_options["levels"] if lv["name"] == body["level"])
        if body["code"] != options["code"]:
            raise RequestError(422, "options_mismatch", "code: not the published code of this level")
        reasons = body["reason_codes"]
        if not set(reasons) <= {r["code"] for r in options["reasons"]}:
            raise RequestError(422, "options_mismatch", "reason_codes: not offered for this level")
        if options["bad"] and not reasons:
            raise RequestError(422, "options_mismatch", "reason_codes: a bad rating needs a reason")
        rating_slot = (application_no, body["evaluator"]["id_number"], body["rating_count"])
        with self._lock:
            if rating_slot in self._rating_slots:
                raise RequestError(409, "duplicate_rating", "this rating number exists already (一次一评)")
            ack = {"rating_id": f"HCP{self.today:%Y%m%d}{len(self._ratings) + 1:06d}",
                   "received_at": self._now().isoformat(timespec="seconds")}
            self._ratings[key] = {"body": body, "ack": ack}
            self._rating_slots.add(rating_slot)
        return 201, ack

    def _heartbeats_submit(self, req: "_Request") -> tuple[int, Any]:
        req.require_signing_terminal()
        received = self._now().isoformat(timespec="seconds")
        with self._lock:
            self._heartbeats.append(dict(req.body, received_at=received))
        return 200, {"received_at": received, "next_heartbeat_s": 300}

    def _help_submit(self, req: "_Request") -> tuple[int, Any]:
        req.require_signing_terminal()
        request_id = req.body["request_id"]
        with self._lock:
            known = self._help.get(request_id)
            if known is not None:
                req.replayed = True
                return 200, known["ack"]
            ack = {"ticket_no": f"BNB{len(self._help) + 1:04d}",
                   "received_at": self._now().isoformat(timespec="seconds"), "expected_wait_min": 5}
            self._help[request_id] = {"body": req.body, "ack": ack}
        return 201, ack


class _Request:
    """One request that already matched the contract: its JSON body, decoded path parameters and
    the signing terminal, for the handlers."""

    def __init__(self, body: Any, params: dict[str, str], terminal: str):
        self.body = body
        self.params = params
        self.terminal = terminal
        self.replayed = False

    def require_signing_terminal(self) -> None:
        if self.body["terminal_id"] != self.terminal:
            raise RequestError(403, "terminal_mismatch", "terminal_id differs from the signing terminal")


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that gave up (timeout) or failed the TLS handshake: not the simulator's problem.
        log.debug("connection from %s ended with %s", client_address[0], sys.exc_info()[0].__name__)


def _handler_for(sim: PlatformSimulator) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "kiosk-platform-sim"
        # Headers and body go out in two writes; without TCP_NODELAY the second waits for the
        # client's delayed ACK (~40 ms per call on a kept-alive connection), which no real server does.
        disable_nagle_algorithm = True

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - http.server's name
            # The request line holds no personal data (ID numbers travel in bodies); bodies are never logged.
            log.debug("%s %s", self.address_string(), format % args)

        def __getattr__(self, name: str) -> Any:
            # http.server dispatches to do_<METHOD> and answers 501 with an HTML page when there is
            # none; every method goes through _handle instead, so each gets the contract's JSON answer.
            if name.startswith("do_"):
                return lambda: self._handle(name[3:])
            raise AttributeError(name)

        def _handle(self, method: str) -> None:
            raw = self._read_body()
            if raw is None:
                return
            target = _origin_form(self.path)
            path, _, query = target.partition("?")
            found = sim.contract.resolve(method, path)
            if found.route is None:
                if found.allowed:
                    self._send_error(405, "method_not_allowed", f"{path} takes {', '.join(found.allowed)}",
                                     headers={"Allow": ", ".join(found.allowed)})
                else:
                    self._send_error(404, "no_such_endpoint", "unknown path")
                return
            operation = found.route.operation
            try:
                terminal = sim.verifier.verify(method, target, self.headers, raw,
                                               check_clock=operation != "time.get")
            except SignatureError as exc:
                extra = {"server_time": sim._now().isoformat(timespec="seconds")} \
                    if exc.code == "stale_timestamp" else {}
                self._answer(found, 401, {"error": {"code": exc.code, "message": exc.message, **extra}})
                return
            fault = sim._take_fault(operation)
            if fault is not None and self._apply_fault(found, fault):
                return
            try:
                body = _strict_json(raw) if raw else None
                sim.contract.check_request(found, self.headers, raw, self.headers.get("Content-Type", ""), query)
            except ValueError:
                self._answer(found, 400, _error("invalid_request", "body: not JSON"))
                return
            except ContractViolation as exc:
                self._answer(found, 400, _error("invalid_request", exc.where))
                return
            about = found.params.get("application_no") or (body.get("application_no") if isinstance(body, dict)
                                                             else None)
            fault = sim._take_fault(operation, about) if isinstance(about, str) else None
            if fault is not None and self._apply_fault(found, fault):
                return
            request = _Request(body, found.params, terminal)
            try:
                status, payload = getattr(sim, HANDLERS[operation])(request)
            except RequestError as exc:
                self._answer(found, exc.status, _error(exc.code, exc.message))
                return
            headers = {"Idempotent-Replayed": "true"} if request.replayed else {}
            if operation in LOCALISED:     # the platform's texts in the language asked for, or its Chinese
                language = answer_language(self.headers.get("Accept-Language", ""))
                payload, headers["Content-Language"] = in_language(operation, payload, language), language
            self._answer(found, status, payload, headers or None)

        def _read_body(self) -> bytes | None:
            """The body by its Content-Length, or None after answering a framing error (the
            connection is closed then: what follows on it cannot be trusted)."""
            if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
                self.close_connection = True
                self._send_error(400, "invalid_request", "send the body with Content-Length")
                return None
            length_text = self.headers.get("Content-Length") or "0"
            if not length_text.isdigit() or not length_text.isascii():
                self.close_connection = True
                self._send_error(400, "invalid_request", "Content-Length: not a number")
                return None
            length = int(length_text)
            if length > MAX_BODY:
                self.close_connection = True
                self._send_error(413, "too_large", f"body over {MAX_BODY} bytes")
                return None
            return self.rfile.read(length) if length else b""

        def _answer(self, found: Resolved, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
            """Sends a JSON answer of a routed request after checking it against its operation."""
            body = _encode(payload)
            try:
                sim.contract.check_response(found, status, JSON_TYPE, body, headers)
            except ContractViolation as exc:
                assert found.route is not None
                log.error("platform simulator: the answer to %s would break the contract (%s); sent 500 instead",
                          found.route.operation, exc.where)
                status, body, headers = 500, _encode(_error("internal_error", "answer breaks the contract")), None
            self._send_raw(status, JSON_TYPE, body, headers)

        def _apply_fault(self, found: Resolved, fault: Fault) -> bool:
            """Acts out a fault; True when the request is fully answered (or abandoned) by it."""
            if fault.kind == "latency":
                sim._stopping.wait(fault.seconds)
                return False
            if fault.kind == "hang":
                sim._stopping.wait(fault.seconds or sim.hang_s)
                self.close_connection = True
                return True
            if fault.kind == "error500":
                self._answer(found, 500, _error("internal_error", "simulated server error"))
            elif fault.kind == "malformed":      # deliberately outside the contract
                self._send_raw(200, JSON_TYPE, b'{"applications": [{"application_no": "15')
            elif fault.kind == "wrong_content_type":
                self._send_raw(200, "text/html; charset=utf-8",
                               "<html><body>网络认证 / network login</body></html>".encode())
            elif fault.kind == "unauthorized":
                self._answer(found, 401, _error("unauthorized", "simulated refusal"))
            elif fault.kind in HOSTILE_BODIES:
                self.close_connection = True
                try:
                    _send_hostile_body(self, fault, sim._stopping)
                except (BrokenPipeError, ConnectionResetError):
                    pass            # the client stopped reading: what these faults are for
            return True

        def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
            # http.server's own refusals (bad request line, header too long ...): JSON, not HTML.
            self.close_connection = True
            error = "too_large" if code in (413, 414, 431) else "invalid_request"
            self._send_error(code, error, message or "bad request", headers={"Connection": "close"})

        def _send_error(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
            """An answer outside any operation: checked against the contract's Error schema."""
            payload = _error(code, message)
            sim.contract.check_error(payload)
            self._send_raw(status, JSON_TYPE, _encode(payload), headers)

        def _send_raw(self, status: int, content_type: str, body: bytes,
                      headers: dict[str, str] | None = None) -> None:
            try:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True

    return Handler


def _origin_form(target: str) -> str:
    """The path and query of a request target; a proxy's absolute form is cut to them."""
    if target.startswith("/"):
        return target
    parts = urlsplit(target)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _strict_json(raw: bytes) -> Any:
    """JSON as RFC 8259 has it: UTF-8, no NaN or Infinity (ValueError otherwise)."""
    def refuse(constant: str) -> Any:
        raise ValueError(f"{constant} is not JSON")
    return json.loads(raw.decode("utf-8"), parse_constant=refuse)


def _error(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}}


def _encode(payload: Any) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


# ---- hostile bodies: what a broken or hostile platform (or a box in between) can send --------------

HUGE_BODY_BYTES = 150_000_000
GZIP_BOMB_INFLATED = 400 * 1024 * 1024
TRICKLE_INTERVAL_S = 0.25
TRICKLE_DEFAULT_S = 70.0
_BLOCK = b" " * 65536          # JSON whitespace: the padding is valid JSON, only its size is hostile
_HEAD, _TAIL = b'{"applications":[', b"]}"


def _send_hostile_body(handler: BaseHTTPRequestHandler, fault: Fault, stopping: threading.Event) -> None:
    """Answers 200 with one of HOSTILE_BODIES, written as it goes: the simulator itself never holds
    more than a block of it (the bomb: its 408 KB). Each is a valid answer of applications.query
    but for its size or its pace."""
    handler.send_response(200)
    handler.send_header("Content-Type", JSON_TYPE)
    handler.send_header("Connection", "close")
    if fault.kind == "gzip_bomb":
        bomb = _gzip_bomb()
        handler.send_header("Content-Encoding", "gzip")
        handler.send_header("Content-Length", str(len(bomb)))
        handler.end_headers()
        handler.wfile.write(bomb)
    elif fault.kind == "trickle":
        padding = max(0, int((fault.seconds or TRICKLE_DEFAULT_S) / TRICKLE_INTERVAL_S) - len(_HEAD) - len(_TAIL))
        body = _HEAD + b" " * padding + _TAIL
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        for i in range(len(body)):
            if stopping.wait(TRICKLE_INTERVAL_S):
                return
            handler.wfile.write(body[i:i + 1])
    else:
        pad = HUGE_BODY_BYTES - len(_HEAD) - len(_TAIL)
        if fault.kind == "huge_declared":
            handler.send_header("Content-Length", str(HUGE_BODY_BYTES))
            write = handler.wfile.write
        else:
            handler.send_header("Transfer-Encoding", "chunked")

            def write(data: bytes) -> None:
                handler.wfile.write(b"%x\r\n" % len(data))
                handler.wfile.write(data)
                handler.wfile.write(b"\r\n")
        handler.end_headers()
        write(_HEAD)
        for _ in range(pad // len(_BLOCK)):
            if stopping.is_set():
                return
            write(_BLOCK)
        write(_BLOCK[:pad % len(_BLOCK)] + _TAIL)
        if fault.kind == "huge":
            handler.wfile.write(b"0\r\n\r\n")


@lru_cache(maxsize=1)
def _gzip_bomb() -> bytes:
    """GZIP_BOMB_INFLATED bytes of valid JSON as gzip: 408 KB that inflate 1,000-fold."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    parts = [packer.compress(_HEAD)]
    block = b" " * (1 << 20)
    for _ in range((GZIP_BOMB_INFLATED - len(_HEAD) - len(_TAIL)) // len(block)):
        parts.append(packer.compress(block))
    parts.append(packer.compress(b" " * ((GZIP_BOMB_INFLATED - len(_HEAD) - len(_TAIL)) % len(block)) + _TAIL))
    parts.append(packer.flush())
    return b"".join(parts)


def start_platform_simulator(secret: str, port: int = 0, **options: Any) -> PlatformSimulator:
    """Starts the simulator on 127.0.0.1 (port 0 picks a free one) and returns its handle.

    options: today (date), terminal_secrets ({terminal id: secret}), window_s, satisfaction_codes,
    hang_s, clock, tls ((certificate file, key file): serve https) — see PlatformSimulator.
    """
    return PlatformSimulator(secret, port, **options).start()
