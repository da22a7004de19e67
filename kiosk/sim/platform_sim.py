"""The platform simulator: the contract of kiosk/platform/openapi.yaml on 127.0.0.1, with the
sample people's data (platform_data.py), signature checks and fault injection.

In-process (the app's embedded default configuration, tests, benchmarks):

    sim = start_platform_simulator(secret, port=0)
    sim.base_url                      # http://127.0.0.1:PORT/kiosk/v1
    sim.set_fault("hang")             # every endpoint; or set_fault("error500", "ratings.submit", times=1)
    sim.clear_faults()
    sim.ratings, sim.heartbeats, sim.help_requests   # what arrived (copies)
    sim.request_count("ratings.submit")
    sim.stop()

From a shell: `kiosk sim platform [--port N] [--secret S] [--today YYYY-MM-DD]`, then commands on
stdin: `fault KIND [OPERATION|*] [SECONDS] [TIMES]`, `clear [OPERATION]`, `faults`, `stats`,
`numbers` (sample 办件编号), `quit`.

Fault kinds: latency (answer after SECONDS), hang (answer nothing until the client gives up),
error500, malformed (truncated JSON), wrong_content_type (an HTML page), unauthorized (401).
Operations are the operationIds of the contract (time.get, applications.query ...).
"""
from __future__ import annotations

import json
import logging
import re
import ssl
import sys
import threading
import time
from dataclasses import dataclass
from datetime import date, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable

from ..platform.models import CHINA_TZ, HEALTH_STATUSES, HELP_KINDS, LEVEL_NAMES, PAPER_STATES
from ..platform.signing import DEFAULT_WINDOW_S, SignatureError, Verifier
from .platform_data import Dataset, build_dataset

log = logging.getLogger(__name__)

BASE_PATH = "/kiosk/v1"
HOST = "127.0.0.1"
FAULT_KINDS = ("latency", "hang", "error500", "malformed", "wrong_content_type", "unauthorized")
MAX_BODY = 1_000_000
_RATED_AT = re.compile(r"\d{8}T\d{6}")
_TERMINAL = re.compile(r"[A-Za-z0-9_-]{1,32}")


class RequestError(Exception):
    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


@dataclass
class Fault:
    kind: str
    seconds: float = 0.0
    remaining: int | None = None    # None: until cleared


# (method, path pattern, operation id, handler name)
ROUTES: tuple[tuple[str, re.Pattern, str, str], ...] = tuple(
    (m, re.compile(p), op, h) for m, p, op, h in (
        ("GET", r"/time", "time.get", "_time"),
        ("POST", r"/applications/query", "applications.query", "_applications_query"),
        ("GET", r"/applications/(?P<no>[^/]+)", "applications.get", "_application_get"),
        ("POST", r"/certificates/query", "certificates.query", "_certificates_query"),
        ("POST", r"/certificates/(?P<cid>[^/]+)/print-data", "certificates.print_data", "_print_data"),
        ("GET", r"/catalogue", "catalogue.get", "_catalogue"),
        ("GET", r"/rating-options", "rating_options.get", "_rating_options"),
        ("POST", r"/ratings", "ratings.submit", "_ratings_submit"),
        ("POST", r"/heartbeats", "heartbeats.submit", "_heartbeats_submit"),
        ("POST", r"/help-requests", "help_requests.submit", "_help_submit"),
    ))
OPERATIONS = tuple(r[2] for r in ROUTES)


class PlatformSimulator:
    """The running simulator; also the handle returned by start_platform_simulator."""

    def __init__(self, secret: str, port: int = 0, *, today: date | None = None,
                 terminal_secrets: dict[str, str] | None = None, window_s: float = DEFAULT_WINDOW_S,
                 satisfaction_codes: str = "gbt39046", hang_s: float = 120.0,
                 clock: Callable[[], float] = time.time, tls: tuple[str, str] | None = None):
        self.today = today or datetime.now(CHINA_TZ).date()
        self.data: Dataset = build_dataset(self.today, satisfaction_codes=satisfaction_codes)
        secrets = dict(terminal_secrets or {})
        # Any well-formed terminal id signs with the shared secret unless it has its own.
        self.verifier = Verifier(lambda t: secrets.get(t, secret) if _TERMINAL.fullmatch(t) else None,
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
                  times: int | None = None) -> None:
        """Injects a fault on one operation (None or "*": all). `seconds` is the latency's length
        (for hang: how long to hold the request, default hang_s); `times` limits how many requests
        it hits (None: until cleared)."""
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault {kind!r}; one of {', '.join(FAULT_KINDS)}")
        target = operation or "*"
        if target != "*" and target not in OPERATIONS:
            raise ValueError(f"unknown operation {target!r}; one of {', '.join(OPERATIONS)}")
        with self._lock:
            self._faults[target] = Fault(kind, seconds, times)

    def clear_faults(self, operation: str | None = None) -> None:
        with self._lock:
            if operation is None:
                self._faults.clear()
            else:
                self._faults.pop(operation, None)

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

    def _take_fault(self, operation: str) -> Fault | None:
        with self._lock:
            self._counts[operation] = self._counts.get(operation, 0) + 1
            for key in (operation, "*"):
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
        id_number = req.text("id_number", max_len=32)
        return 200, {"applications": self.data.applications_by_holder.get(id_number, [])}

    def _application_get(self, req: "_Request") -> tuple[int, Any]:
        app = self.data.applications_by_no.get(req.params["no"])
        if app is None:
            raise RequestError(404, "application_not_found", "no application with this number")
        return 200, {"application": app}

    def _certificates_query(self, req: "_Request") -> tuple[int, Any]:
        holder = req.text("holder_id_number", max_len=32)
        return 200, {"certificates": self.data.certificates_by_holder.get(holder, [])}

    def _print_data(self, req: "_Request") -> tuple[int, Any]:
        holder = req.text("holder_id_number", max_len=32)
        cid = req.params["cid"]
        if cid not in self.data.print_data_by_id:
            raise RequestError(404, "certificate_not_found", "no certificate with this id")
        if self.data.holder_of_certificate[cid] != holder:
            raise RequestError(403, "not_holder", "only the holder may print this certificate")
        return 200, dict(self.data.print_data_by_id[cid], generated_at=self._now().isoformat(timespec="seconds"))

    def _catalogue(self, req: "_Request") -> tuple[int, Any]:
        return 200, self.data.catalogue

    def _rating_options(self, req: "_Request") -> tuple[int, Any]:
        return 200, self.data.rating_options

    def _ratings_submit(self, req: "_Request") -> tuple[int, Any]:
        key = req.text("idempotency_key", max_len=64)
        body = req.body
        with self._lock:
            known = self._ratings.get(key)
            if known is not None:
                if known["body"] != body:
                    raise RequestError(409, "idempotency_conflict", "key already used for a different rating")
                req.replayed = True
                return 200, known["ack"]
        application_no = req.text("application_no", max_len=50)
        if application_no not in self.data.applications_by_no:
            raise RequestError(404, "application_not_found", "no application with this number")
        req.text("item_code", max_len=64)
        level = req.choice("level", LEVEL_NAMES)
        options = next(lv for lv in self.data.rating_options["levels"] if lv["name"] == level)
        if req.text("code", max_len=2) != options["code"]:
            raise RequestError(400, "invalid_request", "code does not match level")
        reasons = req.value("reason_codes", list)
        allowed = {r["code"] for r in options["reasons"]}
        if any(not isinstance(r, str) or r not in allowed for r in reasons):
            raise RequestError(400, "invalid_request", "reason_codes: not offered for this level")
        if options["bad"] and not reasons:
            raise RequestError(400, "invalid_request", "reason_codes: a bad rating needs a reason")
        req.value("comment", str)
        req.text("channel", pattern=r"\d{1,2}")
        req.text("region_code", pattern=r"\d{9}")
        if req.text("terminal_id", max_len=32) != req.terminal:
            raise RequestError(400, "invalid_request", "terminal_id differs from the signing terminal")
        evaluator = req.value("evaluator", dict)
        for name in ("name", "id_type", "id_number"):
            if not isinstance(evaluator.get(name), str) or not evaluator[name]:
                raise RequestError(400, "invalid_request", f"evaluator.{name}: required text")
        if evaluator.get("user_type") not in (1, 2):
            raise RequestError(400, "invalid_request", "evaluator.user_type: 1 or 2")
        req.text("rated_at", pattern=_RATED_AT.pattern)
        count = req.value("rating_count", int)
        if count < 1 or isinstance(count, bool):
            raise RequestError(400, "invalid_request", "rating_count: at least 1")
        req.value("anonymous", bool)
        rating_slot = (application_no, evaluator["id_number"], count)
        with self._lock:
            if rating_slot in self._rating_slots:
                raise RequestError(409, "duplicate_rating", "this rating number exists already (一次一评)")
            ack = {"rating_id": f"HCP{self.today:%Y%m%d}{len(self._ratings) + 1:06d}",
                   "received_at": self._now().isoformat(timespec="seconds")}
            self._ratings[key] = {"body": body, "ack": ack}
            self._rating_slots.add(rating_slot)
        return 201, ack

    def _heartbeats_submit(self, req: "_Request") -> tuple[int, Any]:
        if req.text("terminal_id", max_len=32) != req.terminal:
            raise RequestError(400, "invalid_request", "terminal_id differs from the signing terminal")
        req.text("sent_at")
        req.text("app_version", max_len=40)
        req.value("uptime_s", (int, float))
        for index, check in enumerate(req.value("checks", list)):
            if not (isinstance(check, dict) and isinstance(check.get("name"), str)
                    and check.get("status") in HEALTH_STATUSES):
                raise RequestError(400, "invalid_request", f"checks[{index}]: needs name and status")
        req.choice("paper", PAPER_STATES)
        unsent = req.value("unsent", dict)
        for name in ("ratings", "help_requests"):
            if not isinstance(unsent.get(name), int) or isinstance(unsent.get(name), bool):
                raise RequestError(400, "invalid_request", f"unsent.{name}: a whole number")
        received = self._now().isoformat(timespec="seconds")
        with self._lock:
            self._heartbeats.append(dict(req.body, received_at=received))
        return 200, {"received_at": received, "next_heartbeat_s": 300}

    def _help_submit(self, req: "_Request") -> tuple[int, Any]:
        request_id = req.text("request_id", max_len=64)
        with self._lock:
            known = self._help.get(request_id)
            if known is not None:
                req.replayed = True
                return 200, known["ack"]
        if req.text("terminal_id", max_len=32) != req.terminal:
            raise RequestError(400, "invalid_request", "terminal_id differs from the signing terminal")
        req.choice("kind", HELP_KINDS)
        req.text("region_code", pattern=r"\d{6}(\d{3})?")
        req.value("topic", str)
        req.text("requested_at")
        with self._lock:
            ack = {"ticket_no": f"BNB{len(self._help) + 1:04d}",
                   "received_at": self._now().isoformat(timespec="seconds"), "expected_wait_min": 5}
            self._help[request_id] = {"body": req.body, "ack": ack}
        return 201, ack


class _Request:
    """One request's validated parts, for the handlers."""

    def __init__(self, body: Any, params: dict[str, str], terminal: str):
        self.body = body
        self.params = params
        self.terminal = terminal
        self.replayed = False

    def value(self, name: str, kind: type | tuple) -> Any:
        if not isinstance(self.body, dict) or name not in self.body:
            raise RequestError(400, "invalid_request", f"{name}: missing")
        value = self.body[name]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise RequestError(400, "invalid_request", f"{name}: wrong type")
        return value

    def text(self, name: str, *, max_len: int = 200, pattern: str | None = None) -> str:
        value = self.value(name, str)
        if not value or len(value) > max_len or (pattern and not re.fullmatch(pattern, value)):
            raise RequestError(400, "invalid_request", f"{name}: not valid")
        return value

    def choice(self, name: str, choices: tuple[str, ...]) -> str:
        value = self.value(name, str)
        if value not in choices:
            raise RequestError(400, "invalid_request", f"{name}: unknown value")
        return value


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

        def do_GET(self) -> None:
            self._handle("GET")

        def do_POST(self) -> None:
            self._handle("POST")

        def _handle(self, method: str) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                self._send_error(413, "invalid_request", "body too large")
                return
            raw = self.rfile.read(length) if length else b""
            path, _, _query = self.path.partition("?")
            if not path.startswith(BASE_PATH + "/"):
                self._send_error(404, "no_such_endpoint", "unknown path")
                return
            route, match = None, None
            for candidate in ROUTES:
                match = candidate[1].fullmatch(path[len(BASE_PATH):])
                if match:
                    route = candidate
                    if candidate[0] == method:
                        break
            if route is None or match is None:
                self._send_error(404, "no_such_endpoint", "unknown path")
                return
            if route[0] != method:
                self._send_error(405, "method_not_allowed", f"use {route[0]}")
                return
            operation = route[2]
            try:
                terminal = sim.verifier.verify(method, self.path, self.headers, raw,
                                               check_clock=operation != "time.get")
            except SignatureError as exc:
                extra = {"server_time": sim._now().isoformat(timespec="seconds")} \
                    if exc.code == "stale_timestamp" else {}
                self._send_error(401, exc.code, exc.message, **extra)
                return
            fault = sim._take_fault(operation)
            if fault is not None and self._apply_fault(fault):
                return
            try:
                body = json.loads(raw.decode("utf-8")) if raw else None
            except (UnicodeDecodeError, ValueError):
                self._send_error(400, "invalid_request", "body is not JSON")
                return
            if method == "POST" and not isinstance(body, dict):
                self._send_error(400, "invalid_request", "body must be a JSON object")
                return
            request = _Request(body, match.groupdict(), terminal)
            try:
                status, payload = getattr(sim, route[3])(request)
            except RequestError as exc:
                self._send_error(exc.status, exc.code, exc.message)
                return
            extra_headers = {"Idempotent-Replayed": "true"} if request.replayed else {}
            self._send_json(status, payload, extra_headers)

        def _apply_fault(self, fault: Fault) -> bool:
            """Acts out a fault; True when the request is fully answered (or abandoned) by it."""
            if fault.kind == "latency":
                sim._stopping.wait(fault.seconds)
                return False
            if fault.kind == "hang":
                sim._stopping.wait(fault.seconds or sim.hang_s)
                self.close_connection = True
                return True
            if fault.kind == "error500":
                self._send_error(500, "internal_error", "simulated server error")
            elif fault.kind == "malformed":
                self._send_raw(200, "application/json; charset=utf-8", b'{"applications": [{"application_no": "15')
            elif fault.kind == "wrong_content_type":
                self._send_raw(200, "text/html; charset=utf-8",
                               "<html><body>网络认证 / network login</body></html>".encode())
            elif fault.kind == "unauthorized":
                self._send_error(401, "unauthorized", "simulated refusal")
            return True

        def _send_error(self, status: int, code: str, message: str, **extra: str) -> None:
            self._send_json(status, {"error": {"code": code, "message": message, **extra}})

        def _send_json(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
            body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            self._send_raw(status, "application/json; charset=utf-8", body, headers)

        def _send_raw(self, status: int, content_type: str, body: bytes,
                      headers: dict[str, str] | None = None) -> None:
            try:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True

    return Handler


def start_platform_simulator(secret: str, port: int = 0, **options: Any) -> PlatformSimulator:
    """Starts the simulator on 127.0.0.1 (port 0 picks a free one) and returns its handle.

    options: today (date), terminal_secrets ({terminal id: secret}), window_s, satisfaction_codes,
    hang_s, clock, tls ((certificate file, key file): serve https) — see PlatformSimulator.
    """
    return PlatformSimulator(secret, port, **options).start()
