"""Where a relative path in the configuration points: never the working directory.

A kiosk started from another folder (a technician's `cd`, systemd's WorkingDirectory) must find
the same ratings database, print journal and logs. So a relative path is taken from the folder
of the configuration file that names it; the embedded default (config/kiosk.toml) is the
exception, its `var/...` paths are the project's `var/` (the configuration folder's parent).
"""
from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..paths import DEFAULT_CONFIG, ROOT

# (section, key) of every setting that names a file or folder (device names such as
# [reader] port are not files and stay as written).
PATH_SETTINGS = (("logging", "dir"), ("storage", "data_dir"), ("printer", "output_dir"),
                 ("printer", "file_path"), ("a4printer", "output_dir"), ("platform", "ca_bundle"),
                 ("voice", "clips_dir"))


def base_folder(config_file: str | os.PathLike) -> Path:
    """The folder relative paths of `config_file` start from."""
    absolute = Path(os.path.abspath(config_file))
    if absolute.resolve() == DEFAULT_CONFIG.resolve():
        return ROOT
    return absolute.parent


def resolved(value: Any, base: Path) -> Any:
    """`value` made absolute from `base`; empty values (\"not set\") and absolute ones unchanged.
    Keeps the setting's type (Path or str)."""
    if not str(value) or Path(value).is_absolute():
        return value
    absolute = base / Path(value)
    return absolute if isinstance(value, Path) else str(absolute)


def resolve_paths(config: Any, config_file: str | os.PathLike) -> Any:
    """A copy of `config` with every relative file or folder setting made absolute."""
    base = base_folder(config_file)
    sections: dict[str, dict[str, Any]] = {}
    for section, key in PATH_SETTINGS:
        settings = getattr(config, section)
        value = getattr(settings, key)
        new = resolved(value, base)
        if new is not value:
            sections.setdefault(section, {})[key] = new
    changes = {name: replace(getattr(config, name), **keys) for name, keys in sections.items()}
    return replace(config, **changes) if changes else config
