"""App checks: version, uptime, the configuration file and its problems, log directory writable."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ...config import ConfigError, load_config
from ...paths import DEFAULT_CONFIG, ROOT
from .context import DiagContext
from .results import CheckResult, failure, ok, warning

HINT_CONFIG = "fix the named key (kiosk check-config --config PATH), then reload the configuration"
HINT_LOG = "free space on its disk or make the log directory writable by the kiosk user (chown/chmod), or set [logging] dir"
HINT_PIN = "set a diagnostics PIN: kiosk pin-hash, then [diagnostics] pin_hash"


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
    return [ok("app.version", f"kiosk {app_version()}"),
            ok("app.uptime", f"{up / 3600:.1f} h" if up >= 3600 else f"{up:.0f} s"),
            _config(ctx), _pin(ctx), _log_dir(ctx)]


def simulated_parts(ctx: DiagContext) -> list[str]:
    c = ctx.config
    return [name for name, simulated in (("reader", c.reader.simulated), ("printer", c.printer.simulated),
                                         ("platform", c.platform.simulated)) if simulated]


def _config(ctx: DiagContext) -> CheckResult:
    source = Path(ctx.config.source)
    if str(source) == "<defaults>":
        return warning("app.config", "built-in defaults, no configuration file", HINT_CONFIG)
    try:
        load_config(source)  # the file as it is on disk now: a later edit may have broken it
    except ConfigError as exc:
        return failure("app.config", str(exc), HINT_CONFIG)
    name = "embedded default" if source.resolve() == DEFAULT_CONFIG.resolve() else str(source)
    simulated = simulated_parts(ctx)
    note = f"; simulated: {', '.join(simulated)}" if simulated else ""
    return ok("app.config", f"{name} loads without problems{note}")


def _pin(ctx: DiagContext) -> CheckResult:
    if not ctx.config.diagnostics.pin_hash:
        return warning("app.diagnostics_pin", "no PIN set: diagnostics cannot be entered on the screen", HINT_PIN)
    from .pin import parse_hash
    try:
        parse_hash(ctx.config.diagnostics.pin_hash)
    except ValueError as exc:
        return failure("app.diagnostics_pin", f"pin_hash unusable: {exc}", HINT_PIN)
    return ok("app.diagnostics_pin", "PIN set")


def _log_dir(ctx: DiagContext) -> CheckResult:
    log_dir = Path(ctx.config.logging.dir)
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=".diag-", dir=log_dir)
        os.close(fd)
        os.unlink(name)
    except OSError as exc:
        return failure("app.log_dir", f"{log_dir}: {exc.strerror or exc}", HINT_LOG)
    from ...logs import write_faults   # a full disk still lets an empty file be made: writes tell
    failing = [f"{Path(target).name}: {problem}" for target, problem in write_faults.current().items()
               if Path(target).parent == log_dir]
    if failing:
        return failure("app.log_dir", f"{log_dir}: writes fail ({'; '.join(failing)})", HINT_LOG)
    return ok("app.log_dir", f"{log_dir} writable")
