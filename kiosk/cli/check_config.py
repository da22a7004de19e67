"""`kiosk check-config [--config PATH]`: validate a configuration without starting anything."""
from __future__ import annotations

import argparse

from .common import add_config_option, load_or_explain


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="kiosk check-config", description=__doc__)
    add_config_option(parser)
    args = parser.parse_args(argv)
    config = load_or_explain(args.config)
    if config is None:
        return 2
    print(f"{config.source}: ok (terminal {config.terminal.terminal_id})")
    return 0
