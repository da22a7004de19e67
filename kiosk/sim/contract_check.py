"""The platform contract, kiosk/platform/openapi.yaml, enforced with openapi-core.

The simulator routes by the document's own paths, lets no request reach a handler before it
matches the document, and checks every answer before it goes out:

    contract = Contract()                      # loads and validates the document once
    found = contract.resolve("POST", "/kiosk/v1/applications/query")
    found.route, found.params, found.allowed  # route None: unknown path (allowed empty) or wrong method
    contract.check_request(found, headers, body, content_type)   # raises ContractViolation
    contract.check_response(found, status, content_type, body, response_headers)

A ContractViolation names the place ("body.unsent.help_requests: minimum") and never the value,
which may be an ID number. Tests use the same checks on what the client sends.
"""
from __future__ import annotations

import hashlib
import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping
from urllib.parse import parse_qsl, unquote

import yaml
from openapi_core import OpenAPI
from openapi_core.datatypes import RequestParameters
from openapi_schema_validator import OAS30Validator
from werkzeug.datastructures import Headers, ImmutableMultiDict

CONTRACT_PATH = Path(__file__).resolve().parents[1] / "platform" / "openapi.yaml"
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_HOST = "http://platform.invalid"      # the document's relative server (/kiosk/v1) matches any host
_TEMPLATE_VAR = re.compile(r"\{([^}/]+)\}")
_CHECKED_ANSWERS = 256                 # identical answers (the catalogue ...) are checked once
_PLACES_NAMED = 8                      # a violation names at most this many places


class ContractViolation(Exception):
    """A request or an answer that the contract does not allow; `where` names the place."""

    def __init__(self, where: str):
        super().__init__(where)
        self.where = where


@dataclass(frozen=True)
class Route:
    method: str               # upper case, as in the request line
    template: str             # the document's path, e.g. /applications/{application_no}
    operation: str            # operationId
    pattern: re.Pattern       # matches the raw (still percent-encoded) path under the base path

    @property
    def concreteness(self) -> int:
        """Fewer template variables first: /applications/query before /applications/{no}."""
        return len(_TEMPLATE_VAR.findall(self.template))


@dataclass(frozen=True)
class Resolved:
    """Where a request lands: a route, or none with the path's methods (empty: unknown path)."""

    route: Route | None
    params: dict[str, str] = field(default_factory=dict)     # path parameters, percent-decoded
    allowed: tuple[str, ...] = ()


class Contract:
    def __init__(self, path: Path = CONTRACT_PATH):
        self.document: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
        # from_dict also validates the document (openapi-spec-validator) and fails on any error.
        self._api = OpenAPI.from_dict(self.document)
        self.base_path = next(s["url"] for s in self.document["servers"] if s["url"].startswith("/")).rstrip("/")
        self.routes: tuple[Route, ...] = tuple(sorted(_routes(self.document), key=lambda r: r.concreteness))
        error_schema = dict(self.document["components"]["schemas"]["Error"], components=self.document["components"])
        self._error_validator = OAS30Validator(error_schema, format_checker=OAS30Validator.FORMAT_CHECKER)
        self._checked: dict[tuple, None] = {}
        self._lock = threading.Lock()

    @property
    def operations(self) -> tuple[str, ...]:
        return tuple(r.operation for r in self.routes)

    def resolve(self, method: str, raw_path: str) -> Resolved:
        """The route for a request's method and raw path (as in the request line, without query)."""
        if not raw_path.startswith(self.base_path + "/"):
            return Resolved(None)
        below = raw_path[len(self.base_path):]
        template = None
        for route in self.routes:
            match = route.pattern.fullmatch(below)
            if match is None or (template is not None and route.template != template):
                continue
            # The most concrete matching path owns the request, whatever its methods (OpenAPI's rule).
            template = route.template
            if route.method == method:
                return Resolved(route, {k: unquote(v) for k, v in match.groupdict().items()})
        if template is None:
            return Resolved(None)
        return Resolved(None, allowed=tuple(r.method for r in self.routes if r.template == template))

    def check_request(self, found: Resolved, headers: Mapping[str, str], body: bytes, content_type: str,
                      query: str = "") -> None:
        """Raises ContractViolation unless the request matches its operation in the document."""
        assert found.route is not None
        request = _Request(found, headers, body, content_type, query, self.base_path)
        problems = list(self._api.iter_request_errors(request))
        if problems:
            raise ContractViolation(_describe(problems))

    def check_response(self, found: Resolved, status: int, content_type: str, body: bytes,
                       headers: Mapping[str, str] | None = None) -> None:
        """Raises ContractViolation unless the answer is one the operation may give."""
        assert found.route is not None
        headers = dict(headers or {})
        key = (found.route.operation, status, content_type, tuple(sorted(headers.items())),
               hashlib.sha256(body).digest())
        with self._lock:
            if key in self._checked:
                return
        request = _Request(found, {}, b"", "", "", self.base_path)
        problems = list(self._api.iter_response_errors(request, _Response(status, content_type, body, headers)))
        if problems:
            raise ContractViolation(_describe(problems))
        with self._lock:
            self._checked[key] = None
            while len(self._checked) > _CHECKED_ANSWERS:
                del self._checked[next(iter(self._checked))]

    def check_error(self, payload: Any) -> None:
        """For answers outside any operation (unknown path, wrong method): the Error schema."""
        problems = list(self._error_validator.iter_errors(payload))
        if problems:
            raise ContractViolation("; ".join(_schema_error("body", e) for e in problems[:_PLACES_NAMED]))


def _routes(document: dict[str, Any]) -> Iterable[Route]:
    for template, item in document["paths"].items():
        regex = "".join(f"(?P<{part[1:-1]}>[^/]+)" if _TEMPLATE_VAR.fullmatch(part) else re.escape(part)
                        for part in re.split(r"(\{[^}/]+\})", template))
        for method, operation in item.items():
            if method in HTTP_METHODS:
                yield Route(method.upper(), template, operation["operationId"], re.compile(regex))


class _Request:
    """What openapi-core reads of a request. The route is already known, so the matched path
    pattern and the decoded path parameters are handed over instead of being found again."""

    def __init__(self, found: Resolved, headers: Mapping[str, str], body: bytes, content_type: str,
                 query: str, base_path: str):
        assert found.route is not None
        self.host_url = _HOST
        self.path_pattern = base_path + found.route.template
        self.path = self.path_pattern
        self.method = found.route.method.lower()
        self.body = body or None
        self.content_type = content_type.lower()
        self.parameters = RequestParameters(
            path=found.params, header=Headers(list(headers.items())),
            query=ImmutableMultiDict(parse_qsl(query, keep_blank_values=True)))


class _Response:
    def __init__(self, status: int, content_type: str, body: bytes, headers: Mapping[str, str]):
        self.status_code = status
        self.content_type = content_type.lower()
        self.data = body
        self.headers = Headers(list(headers.items()))


def _describe(problems: list[Exception]) -> str:
    """One line naming where each problem is, built from openapi-core's errors (never values)."""
    parts: list[str] = []
    for problem in problems:
        parts.extend(_places(problem))
    return "; ".join(dict.fromkeys(parts).keys()) or "request does not match the contract"


def _places(problem: Exception) -> list[str]:
    name = type(problem).__name__
    cause = problem.__cause__
    location = "body"
    if hasattr(problem, "location") and hasattr(problem, "name"):         # a parameter
        location = f"{problem.location}.{problem.name}"
        if "Missing" in name:
            return [f"{location}: missing"]
    elif "Missing" in name:
        return ["body: missing"]
    elif "Header" in name:
        return [f"header {getattr(problem, 'name', '')}: not valid".replace("  ", " ")]
    schema_errors = getattr(cause, "schema_errors", None)
    if schema_errors:
        return [_schema_error(location, e) for e in list(schema_errors)[:_PLACES_NAMED]]
    cause_name = type(cause).__name__ if cause is not None else ""
    if cause_name == "MediaTypeNotFound":
        return ["Content-Type: expected application/json"]
    if "Deserialize" in cause_name:
        return [f"{location}: not JSON"]
    if "Security" in name:
        return ["signing headers: missing"]
    return [f"{location}: {_words(name)}"]


def _schema_error(location: str, error: Any) -> str:
    where = ".".join([location, *(str(p) for p in error.absolute_path)])
    if error.validator == "required":
        # The message is "'name' is a required property": a name from the document, not a value.
        missing = _first_quoted(error.message)
        return f"{where}.{missing}: required" if missing else f"{where}: required"
    return f"{where}: {error.validator}"


def _first_quoted(text: str) -> str | None:
    match = re.match(r"'([^']+)'", text)
    return match.group(1) if match else None


@lru_cache(maxsize=64)
def _words(name: str) -> str:
    return re.sub(r"(?<!^)([A-Z])", r" \1", name).lower()
