"""Pieces shared by the command-line entry points."""
from __future__ import annotations

import argparse
import sys

from ..config import ConfigError, KioskConfig, load_config, resolve_config_path


def add_config_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", metavar="PATH",
                        help="configuration file (default: $KIOSK_CONFIG, else config/kiosk.toml)")


def load_or_explain(path_arg: str | None) -> KioskConfig | None:
    """Loads the configuration, or prints its one-line problem to stderr and returns None."""
    try:
        return load_config(resolve_config_path(path_arg))
    except ConfigError as e:
        print(f"kiosk: configuration error: {e}", file=sys.stderr)
        return None
