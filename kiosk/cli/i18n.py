"""`kiosk i18n missing LANG`: the keys a translator still has to do, with the Chinese text."""
from __future__ import annotations

import argparse
import sys

from ..i18n import LANGUAGES, SOURCE_LANGUAGE, load_language, missing_keys


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="kiosk i18n", description=__doc__)
    sub = parser.add_subparsers(dest="action", required=True)
    missing = sub.add_parser("missing", help="list untranslated keys as KEY<TAB>Chinese text")
    missing.add_argument("language", choices=[lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE])
    args = parser.parse_args(argv)
    source = load_language(SOURCE_LANGUAGE)
    keys = missing_keys(args.language)
    for key in keys:
        print(f"{key}\t{source[key]}")
    print(f"{len(keys)} of {len(source)} messages untranslated in {args.language}", file=sys.stderr)
    return 0
