"""The fleet view shipped in packaging/: alert rules that promtool accepts and whose unit tests
pass, a scrape configuration promtool accepts, and a Grafana dashboard whose every query parses and
names only metrics the kiosk serves (tests/ui/test_metrics_scrape.py checks the kiosk serves them)."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from kiosk.paths import ROOT
from kiosk.services.metrics.collector import METRIC_NAMES

PROMETHEUS = ROOT / "packaging" / "prometheus"
DASHBOARD = ROOT / "packaging" / "grafana" / "kiosk-fleet.json"
PROMTOOL = shutil.which("promtool")
needs_promtool = pytest.mark.skipif(PROMTOOL is None, reason="promtool is not installed (Debian package "
                                    "prometheus; scripts/bootstrap.sh installs it)")

# What Prometheus itself adds, and what the official client's process collector serves.
GENERATED = {"up"}
PROCESS = {"process_start_time_seconds", "process_resident_memory_bytes", "process_virtual_memory_bytes",
           "process_cpu_seconds_total", "process_open_fds", "process_max_fds"}
WORDS = {"by", "on", "without", "ignoring", "group_left", "group_right", "and", "or", "unless", "bool", "offset",
         # aggregations may put "by (...)" before their parenthesis
         "sum", "min", "max", "avg", "count", "group", "stddev", "stdvar", "topk", "bottomk", "quantile",
         # label names
         "job", "instance", "terminal_id", "region_code", "site", "part", "outcome", "operation", "reason", "flow",
         "le", "version", "python", "check", "state", "kiosk_printer_paper", "kiosk_a4printer_paper",
         "kiosk_a4printer_toner"}


def served_names() -> set[str]:
    names = set(GENERATED | PROCESS)
    for name in METRIC_NAMES:
        names |= {name, f"{name}_total", f"{name}_bucket", f"{name}_count", f"{name}_sum"}
    return names


def metric_names_in(expr: str) -> set[str]:
    """The metric names a PromQL expression reads (functions, keywords and label names left out)."""
    bare = re.sub(r'"[^"]*"|\[[^\]]*\]|\$\w+', " ", expr)
    names = set()
    for match in re.finditer(r"[A-Za-z_:][A-Za-z0-9_:]*", bare):
        rest = bare[match.end():].lstrip()
        if not rest.startswith("(") and match.group() not in WORDS:
            names.add(match.group())
    return names


def rule_expressions() -> list[str]:
    rules = yaml.safe_load((PROMETHEUS / "kiosk-alerts.yml").read_text(encoding="utf-8"))
    return [rule["expr"] for group in rules["groups"] for rule in group["rules"]]


def dashboard_expressions() -> list[str]:
    dashboard = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    return [target["expr"] for panel in dashboard["panels"] for target in panel["targets"]]


def promtool(*args: str, cwd: Path = PROMETHEUS) -> subprocess.CompletedProcess:
    return subprocess.run([PROMTOOL, *args], cwd=cwd, capture_output=True, text=True, timeout=60)


@needs_promtool
def test_the_alert_rules_pass_promtool_check_and_their_unit_tests():
    check = promtool("check", "rules", "kiosk-alerts.yml")
    assert check.returncode == 0, check.stdout + check.stderr
    tested = promtool("test", "rules", "kiosk-alerts.test.yml")
    assert tested.returncode == 0 and "SUCCESS" in tested.stdout, tested.stdout + tested.stderr


def test_every_alert_the_issue_asks_for_is_there_and_tested():
    rules = yaml.safe_load((PROMETHEUS / "kiosk-alerts.yml").read_text(encoding="utf-8"))
    alerts = {rule["alert"] for group in rules["groups"] for rule in group["rules"]}
    assert {"KioskPaperOut", "KioskReaderFault", "KioskOutboxStuck", "KioskNotScraped", "KioskDiskLow",
            "KioskClockSkew"} <= alerts
    tests = yaml.safe_load((PROMETHEUS / "kiosk-alerts.test.yml").read_text(encoding="utf-8"))
    fired = {case["alertname"] for test in tests["tests"] for case in test["alert_rule_test"] if case.get("exp_alerts")}
    assert fired == alerts, alerts - fired


@needs_promtool
def test_the_example_scrape_configuration_passes_promtool():
    check = promtool("check", "config", "prometheus.yml")
    assert check.returncode == 0, check.stdout + check.stderr
    for targets in (PROMETHEUS / "terminals").glob("*.yml"):
        for group in yaml.safe_load(targets.read_text(encoding="utf-8")):
            assert all(re.fullmatch(r"[0-9.]+:9469", t) for t in group["targets"]), group


@pytest.mark.parametrize("where, expressions", [("alert rules", rule_expressions),
                                                 ("dashboard", dashboard_expressions)])
def test_rules_and_dashboard_read_only_metrics_the_kiosk_serves(where, expressions):
    served = served_names()
    for expr in expressions():
        unknown = metric_names_in(expr) - served
        assert not unknown, f"{where}: {expr!r} reads {unknown}, which no kiosk serves"


@needs_promtool
def test_every_dashboard_query_parses(tmp_path):
    """promtool parses each query as the expression of a recording rule ($terminal as Grafana fills it)."""
    rules = {"groups": [{"name": "dashboard", "rules": [
        {"record": f"dashboard:query_{i}", "expr": expr.replace("$terminal", ".*")}
        for i, expr in enumerate(dashboard_expressions())]}]}
    (tmp_path / "dashboard.yml").write_text(yaml.safe_dump(rules, allow_unicode=True), encoding="utf-8")
    check = promtool("check", "rules", "dashboard.yml", cwd=tmp_path)
    assert check.returncode == 0, check.stdout + check.stderr


def test_the_dashboard_is_a_grafana_dashboard_for_the_fleet():
    dashboard = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    assert dashboard["uid"] == "kiosk-fleet" and dashboard["panels"]
    assert [v["name"] for v in dashboard["templating"]["list"]] == ["terminal"]
    ids = [panel["id"] for panel in dashboard["panels"]]
    assert len(ids) == len(set(ids))
    for panel in dashboard["panels"]:
        assert panel["targets"] and all(t["expr"].strip() for t in panel["targets"]), panel["title"]
        assert set(panel["gridPos"]) == {"h", "w", "x", "y"} and panel["gridPos"]["x"] + panel["gridPos"]["w"] <= 24


def test_the_name_check_catches_a_metric_no_kiosk_serves():
    assert metric_names_in('sum(rate(kiosk_print_jobs_total{outcome="failed"}[5m])) by (outcome)') == {
        "kiosk_print_jobs_total"}
    assert metric_names_in("node_time_seconds - timestamp(node_time_seconds)") - served_names() == {
        "node_time_seconds"}
