"""Typed, validated settings. `load_config` either returns a KioskConfig or raises ConfigError
with one line that names the file, the key and what is expected."""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..paths import CONFIG_ENV_VAR, DEFAULT_CONFIG
from .a4printer import A4PrinterSettings
from .diagnostics import DiagnosticsSettings
from .i18n import I18nSettings
from .hall import HallSettings
from .logs import LogSettings
from .metrics import MetricsSettings
from .platform import PlatformSettings
from .printer import PrinterSettings
from .ratings import RatingSettings
from .reader import ReaderSettings
from .in_service import check_in_service
from .relations import check_relations
from .relative_paths import resolve_paths
from .schema import ConfigError, build_section
from .storage import StorageSettings
from .terminal import TerminalSettings
from .ui import UiSettings
from .voice import VoiceSettings

__all__ = ["ConfigError", "KioskConfig", "load_config", "resolve_config_path"]


@dataclass(frozen=True)
class KioskConfig:
    terminal: TerminalSettings
    ui: UiSettings
    logging: LogSettings
    storage: StorageSettings
    reader: ReaderSettings
    printer: PrinterSettings
    platform: PlatformSettings
    ratings: RatingSettings
    diagnostics: DiagnosticsSettings
    a4printer: A4PrinterSettings = field(default_factory=A4PrinterSettings)
    metrics: MetricsSettings = field(default_factory=MetricsSettings)
    voice: VoiceSettings = field(default_factory=VoiceSettings)
    i18n: I18nSettings = field(default_factory=I18nSettings)
    hall: HallSettings = field(default_factory=HallSettings)
    source: Path = field(default=Path("<defaults>"), metadata={"internal": True})


def resolve_config_path(cli_path: str | os.PathLike | None) -> Path:
    """--config wins, then $KIOSK_CONFIG, then the embedded default."""
    if cli_path:
        return Path(cli_path)
    env = os.environ.get(CONFIG_ENV_VAR)
    if env is not None:
        if not env.strip():
            # Set but empty is a mistake (a unit file's Environment=KIOSK_CONFIG=), not a wish to run
            # the simulated terminal in a hall.
            raise ConfigError(f"{CONFIG_ENV_VAR} is set but empty: set it to the configuration file's path, "
                              "or unset it to run the embedded default (a simulated terminal)")
        return Path(env)
    return DEFAULT_CONFIG


def load_config(path: str | os.PathLike) -> KioskConfig:
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such configuration file") from None
    except IsADirectoryError:
        raise ConfigError(f"{path}: is a directory, expected a TOML file") from None
    except PermissionError:
        raise ConfigError(f"{path}: cannot be read (permission denied)") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: not valid TOML: {e}") from None
    config = resolve_paths(build_section(KioskConfig, raw, "", str(path)), path)
    problem = check_relations(config, raw, str(path)) or check_in_service(config, str(path))
    if problem:
        raise ConfigError(problem)
    return replace(config, source=path)
