"""The contract document itself: valid OpenAPI, every operation with examples taken from the
sample data, every error code the simulator can send listed, the signing headers declared."""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from openapi_spec_validator import OpenAPIV30SpecValidator

from kiosk.sim.contract_check import CONTRACT_PATH, Contract, Resolved
from kiosk.sim.platform_data import build_dataset

ROOT = Path(__file__).resolve().parents[2]
DOCUMENT = yaml.safe_load(CONTRACT_PATH.read_text(encoding="utf-8"))
CONTRACT = Contract()
DATA = build_dataset(date(2026, 11, 25))          # the day the examples were taken
WANG = "150626198507064026"


def operations():
    for template, item in DOCUMENT["paths"].items():
        for method, operation in item.items():
            yield method, template, operation


def test_openapi_spec_validator_accepts_the_document():
    assert [str(e)[:200] for e in OpenAPIV30SpecValidator(DOCUMENT).iter_errors()] == []


def test_every_signing_header_is_a_security_scheme_required_on_every_operation():
    schemes = DOCUMENT["components"]["securitySchemes"]
    names = {s["name"] for s in schemes.values() if s["type"] == "apiKey" and s["in"] == "header"}
    assert names == {"X-Kiosk-Terminal", "X-Kiosk-Timestamp", "X-Kiosk-Nonce", "X-Kiosk-Signature"}
    assert DOCUMENT["security"] == [{name: [] for name in schemes}]     # one requirement: all four together
    assert all("security" not in op for _m, _t, op in operations())    # no operation opts out
    assert all(re.compile(s["x-pattern"]) for s in schemes.values())


def test_every_operation_has_request_and_success_examples():
    for method, template, op in operations():
        for parameter in op.get("parameters", []):
            assert "example" in parameter, (op["operationId"], parameter["name"])
        if method == "post":
            assert "example" in op["requestBody"]["content"]["application/json"], op["operationId"]
        success = [s for s in op["responses"] if s.startswith("2")]
        assert success and all("example" in op["responses"][s]["content"]["application/json"] for s in success), \
            op["operationId"]


def resolved(method: str, template: str, example_params: dict[str, str]) -> Resolved:
    path = CONTRACT.base_path + template.format(**example_params)
    found = CONTRACT.resolve(method.upper(), path)
    assert found.route is not None, path
    return found


def test_every_example_matches_its_schema():
    for method, template, op in operations():
        params = {p["name"]: p["example"] for p in op.get("parameters", [])}
        found = resolved(method, template, params)
        if method == "post":
            body = json.dumps(op["requestBody"]["content"]["application/json"]["example"]).encode()
            CONTRACT.check_request(found, SIGNED, body, "application/json")
        for status, response in op["responses"].items():
            if "$ref" in response or status == "default":
                continue
            headers = {"Idempotent-Replayed": "true"} if "headers" in response else {}
            content = response["content"]["application/json"]
            for example in [content["example"]] if "example" in content else \
                    [e["value"] for e in content["examples"].values()]:
                CONTRACT.check_response(found, int(status), "application/json", json.dumps(example).encode(),
                                        headers)
    for response in DOCUMENT["components"]["responses"].values():
        content = response["content"]["application/json"]
        for example in [content["example"]] if "example" in content else \
                [e["value"] for e in content["examples"].values()]:
            CONTRACT.check_error(example)


SIGNED = {"X-Kiosk-Terminal": "SIM-150626-01", "X-Kiosk-Timestamp": "1795000000",
          "X-Kiosk-Nonce": "0" * 32, "X-Kiosk-Signature": "0" * 64}


def success_example(template: str, method: str = "get", status: str = "200"):
    return DOCUMENT["paths"][template][method]["responses"][status]["content"]["application/json"]["example"]


def request_example(template: str):
    return DOCUMENT["paths"][template]["post"]["requestBody"]["content"]["application/json"]["example"]


def test_examples_are_the_sample_data():
    """What the examples show is what the simulator answers for the sample people (2026-11-25)."""
    assert request_example("/applications/query") == {"id_number": WANG}
    for app in success_example("/applications/query", "post")["applications"]:
        assert app in DATA.applications_by_holder[WANG]
    number = DOCUMENT["paths"]["/applications/{application_no}"]["get"]["parameters"][0]["example"]
    assert success_example("/applications/{application_no}")["application"] == DATA.applications_by_no[number]
    for cert in success_example("/certificates/query", "post")["certificates"]:
        assert cert in DATA.certificates_by_holder[request_example("/certificates/query")["holder_id_number"]]
    print_path = "/certificates/{certificate_id}/print-data"
    cid = DOCUMENT["paths"][print_path]["post"]["parameters"][0]["example"]
    assert DATA.holder_of_certificate[cid] == request_example(print_path)["holder_id_number"]
    printed = dict(success_example(print_path, "post"))
    del printed["generated_at"]
    assert printed == DATA.print_data_by_id[cid]
    catalogue = success_example("/catalogue")
    assert catalogue["version"] == DATA.catalogue["version"]
    for part in ("departments", "items", "themes"):
        assert all(entry in DATA.catalogue[part] for entry in catalogue[part]), part
    options = success_example("/rating-options")
    assert options["version"] == DATA.rating_options["version"]
    assert all(level in DATA.rating_options["levels"] for level in options["levels"])
    rating = request_example("/ratings")
    app = DATA.applications_by_no[rating["application_no"]]
    assert rating["item_code"] == app["item_code"] and rating["department_code"] == app["department_code"]
    assert rating["evaluator"]["id_number"] == WANG and rating["evaluator"]["name"] == "王淑芬"


def test_the_copy_example_is_the_sample_data():
    """certificates.copy: the example's certificate, holder, 核验码 and address are the sample
    data's, and its (shortened) content is a PDF whose SHA-256 the example states."""
    import base64
    import hashlib

    path = "/certificates/{certificate_id}/copy"
    cid = DOCUMENT["paths"][path]["post"]["parameters"][0]["example"]
    assert DATA.holder_of_certificate[cid] == request_example(path)["holder_id_number"]
    copy = success_example(path, "post")
    data = DATA.print_data_by_id[cid]
    assert copy["certificate_id"] == cid and copy["format"] == "pdf" and copy["free_bottom_mm"] >= 20
    assert (copy["verification_code"], copy["verification_url"]) == (data["verification_code"],
                                                                     data["verification_url"])
    content = base64.b64decode(copy["content_base64"], validate=True)
    assert content.startswith(b"%PDF-") and hashlib.sha256(content).hexdigest() == copy["content_sha256"]


def test_every_error_code_the_simulator_sends_is_listed():
    listed = set(DOCUMENT["components"]["schemas"]["Error"]["properties"]["error"]["properties"]["code"]["enum"])
    sources = [ROOT / "kiosk/sim/platform_sim.py", ROOT / "kiosk/platform/signing.py"]
    text = "\n".join(p.read_text(encoding="utf-8") for p in sources)
    sent = set(re.findall(r'(?:RequestError\(\d{3}, |_error\(|SignatureError\(|_send_error\(\d{3}, )"([a-z_]+)"', text))
    sent |= set(re.findall(r'"(too_large|invalid_request|internal_error)"', text))
    assert sent, "the pattern found no codes"
    assert sent <= listed, sent - listed
    assert listed <= sent, listed - sent            # nothing listed that nothing sends
    assert "method_not_allowed" in listed and "terminal_mismatch" in listed
