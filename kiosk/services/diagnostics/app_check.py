"""App checks: version, uptime, the configuration file and its problems, log directory writable."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ...config import ConfigError, load_config
from ...paths import DEFAULT_CONFIG, ROOT
from .context import DiagContext
from .results import CheckResult, Hint, Keys, failure, ok, warning

HINT_CONFIG = Hint("fix the named key (kiosk check-config --config PATH), then reload the configuration",
                  "diag.hint.app.config")
HINT_LOG = Hint("free space on its disk or make the log directory writable by the kiosk user (chown/chmod), or set "
                "[logging] dir", "diag.hint.app.log_dir")
HINT_PIN = Hint("set a diagnostics PIN: kiosk pin-hash, then [diagnostics] pin_hash", "diag.hint.app.pin")


def app_version() -> str:
    try:
        from importlib.metadata import version
        return version("kiosk")
    except Exception:   # noqa: BLE001 - not installed: read the source tree's pyproject
        import tomllib
        try:
            return tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
        except (OSError, KeyError, tomllib.TOMLDecodeError):
            return "unknown"


def uptime_s(ctx: DiagContext) -> float:
    return max(0.0, ctx.monotonic() - ctx.started_at)


def check_app(ctx: DiagContext) -> list[CheckResult]:
    up = uptime_s(ctx)
    version = app_version()
    uptime = (ok("app.uptime", f"{up / 3600:.1f} h", key="diag.detail.app.uptime_h", values={"hours": f"{up / 3600:.1f}"})
              if up >= 3600 else ok("app.uptime", f"{up:.0f} s", key="diag.detail.app.uptime_s",
                                    values={"seconds": f"{up:.0f}"}))
    return [ok("app.version", f"kiosk {version}", key="diag.detail.app.version", values={"version": version}),
            uptime, _config(ctx), _pin(ctx), _log_dir(ctx)]


def simulated_parts(ctx: DiagContext) -> list[str]:
    c = ctx.config
    return [name for name, simulated in (("reader", c.reader.simulated), ("printer", c.printer.simulated),
                                         ("platform", c.platform.simulated)) if simulated]


def _config(ctx: DiagContext) -> CheckResult:
    source = Path(ctx.config.source)
    if str(source) == "<defaults>":
        return warning("app.config", "built-in defaults, no configuration file", HINT_CONFIG,
                       key="diag.detail.app.no_config")
    try:
        load_config(source)  # the file as it is on disk now: a later edit may have broken it
    except ConfigError as exc:
        return failure("app.config", str(exc), HINT_CONFIG, key="diag.detail.error", values={"error": str(exc)})
    embedded = source.resolve() == DEFAULT_CONFIG.resolve()
    name = "embedded default" if embedded else str(source)
    simulated = simulated_parts(ctx)
    note = f"; simulated: {', '.join(simulated)}" if simulated else ""
    key = "diag.detail.app.config_default" if embedded else "diag.detail.app.config_file"
    values: dict = {"path": ctx.shown("path", str(source))}
    if simulated:
        key, values["parts"] = key + "_simulated", Keys(f"diag.part.{part}" for part in simulated)
    return ok("app.config", f"{name} loads without problems{note}", key=key, values=values)


def _pin(ctx: DiagContext) -> CheckResult:
    if not ctx.config.diagnostics.pin_hash:
        return warning("app.diagnostics_pin", "no PIN set: diagnostics cannot be entered on the screen", HINT_PIN,
                       key="diag.detail.app.no_pin")
    from .pin import parse_hash
    try:
        parse_hash(ctx.config.diagnostics.pin_hash)
    except ValueError as exc:
        return failure("app.diagnostics_pin", f"pin_hash unusable: {exc}", HINT_PIN, key="diag.detail.app.pin_unusable",
                       values={"error": str(exc)})
    return ok("app.diagnostics_pin", "PIN set", key="diag.detail.app.pin_set")


def _log_dir(ctx: DiagContext) -> CheckResult:
    log_dir = Path(ctx.config.logging.dir)
    where = ctx.shown("path", str(log_dir))
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=".diag-", dir=log_dir)
        os.close(fd)
        os.unlink(name)
    except OSError as exc:
        problem = str(exc.strerror or exc)
        return failure("app.log_dir", f"{where}: {problem}", HINT_LOG, key="diag.detail.app.log_dir_error",
                       values={"path": where, "error": problem})
    from ...logs import write_faults   # a full disk still lets an empty file be made: writes tell
    failing = [f"{Path(target).name}: {problem}" for target, problem in write_faults.current().items()
               if Path(target).parent == log_dir]
    if failing:
        problems = "; ".join(failing)
        return failure("app.log_dir", f"{where}: writes fail ({problems})", HINT_LOG,
                       key="diag.detail.app.log_dir_writes_fail", values={"path": where, "error": problems})
    return ok("app.log_dir", f"{where} writable", key="diag.detail.app.log_dir_ok", values={"path": where})
