"""The OpenAPI contract, the simulator and the client agree: same operations, and the simulator's
data and the client's request bodies satisfy the contract's schemas."""
from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import pytest

from kiosk.platform.models import CHINA_TZ, Evaluator, Heartbeat, HealthCheck, HelpRequest, RatingSubmission
from kiosk.sim.platform_data import build_dataset
from kiosk.sim.platform_sim import ROUTES

yaml = pytest.importorskip("yaml")
SPEC = yaml.safe_load((Path(__file__).resolve().parents[2] / "kiosk/platform/openapi.yaml").read_text("utf-8"))
DATA = build_dataset(date(2026, 11, 25))


def resolve(schema: dict) -> dict:
    while "$ref" in schema:
        node = SPEC
        for part in schema["$ref"].lstrip("#/").split("/"):
            node = node[part]
        schema = node
    return schema


def conforms(value, schema: dict, where: str = "$") -> list[str]:
    """A small JSON-schema check for the subset the contract uses."""
    schema = resolve(schema)
    kind = schema.get("type")
    problems: list[str] = []
    types = {"object": dict, "array": list, "string": str, "boolean": bool, "integer": int, "number": (int, float)}
    if kind and (not isinstance(value, types[kind]) or (kind in ("integer", "number") and isinstance(value, bool))):
        return [f"{where}: expected {kind}"]
    if "enum" in schema and value not in schema["enum"]:
        problems.append(f"{where}: {value!r} not in enum")
    if "pattern" in schema and isinstance(value, str) and not re.search(schema["pattern"], value):
        problems.append(f"{where}: pattern")
    if kind == "object":
        for name in schema.get("required", []):
            if name not in value:
                problems.append(f"{where}.{name}: required")
        props = schema.get("properties", {})
        for name, item in value.items():
            if name not in props:
                problems.append(f"{where}.{name}: not in the contract")
            else:
                problems += conforms(item, props[name], f"{where}.{name}")
    if kind == "array":
        for i, item in enumerate(value):
            problems += conforms(item, schema.get("items", {}), f"{where}[{i}]")
    return problems


def operations() -> dict[str, tuple[str, str]]:
    ops = {}
    for path, methods in SPEC["paths"].items():
        for method, op in methods.items():
            ops[op["operationId"]] = (method.upper(), path)
    return ops


def test_simulator_routes_are_exactly_the_contracts_operations():
    sim = {op: method for method, _pattern, op, _h in ROUTES}
    assert {op: m for op, (m, _p) in operations().items()} == sim
    for method, pattern, op, _h in ROUTES:
        example = re.sub(r"\{[^}]+\}", "X1", operations()[op][1])
        assert pattern.fullmatch(example), op


def test_no_personal_identifier_in_any_path():
    for path in SPEC["paths"]:
        assert "id_number" not in path and "holder" not in path


def schema_of(op: str, status: str = "200") -> dict:
    method, path = operations()[op]
    return SPEC["paths"][path][method.lower()]["responses"][status]["content"]["application/json"]["schema"]


def request_schema(op: str) -> dict:
    method, path = operations()[op]
    return SPEC["paths"][path][method.lower()]["requestBody"]["content"]["application/json"]["schema"]


def test_simulator_responses_conform():
    for apps in DATA.applications_by_holder.values():
        assert conforms({"applications": apps}, schema_of("applications.query")) == []
    for certs in DATA.certificates_by_holder.values():
        assert conforms({"certificates": certs}, schema_of("certificates.query")) == []
    for pd in DATA.print_data_by_id.values():
        assert conforms(dict(pd, generated_at="2026-11-25T10:00:00+08:00"), schema_of("certificates.print_data")) == []
    assert conforms(DATA.catalogue, schema_of("catalogue.get")) == []
    assert conforms(DATA.rating_options, schema_of("rating_options.get")) == []


def test_client_request_bodies_conform():
    now = datetime(2026, 11, 25, 10, 0, tzinfo=CHINA_TZ)
    rating = RatingSubmission(idempotency_key="k1", application_no="1", item_code="i", level="满意", code="2",
                              channel="5", region_code="150626", terminal_id="T1",
                              evaluator=Evaluator(name="n", id_number="x", mobile="13800000000"), rated_at=now,
                              department_code="SCJG", options_version="v1")
    assert conforms(rating.to_json(), request_schema("ratings.submit")) == []
    heartbeat = Heartbeat(app_version="1", uptime_s=3, checks=(HealthCheck("reader", "ok"),), paper="ok")
    assert conforms(heartbeat.to_json("T1"), request_schema("heartbeats.submit")) == []
    help_request = HelpRequest(request_id="h1", kind="call_staff", region_code="150626", application_no="1")
    assert conforms(help_request.to_json("T1"), request_schema("help_requests.submit")) == []


def test_the_checker_itself_catches_a_missing_field():
    app = dict(next(iter(DATA.applications_by_no.values())))
    del app["status"]
    assert conforms({"applications": [app]}, schema_of("applications.query")) == ["$.applications[0].status: required"]
