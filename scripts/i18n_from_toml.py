"""Converts the TOML message files (kiosk/i18n/<lang>/*.toml) into the gettext catalogues
(kiosk/i18n/locale/kiosk.pot for Chinese, kiosk/i18n/locale/<lang>/LC_MESSAGES/kiosk.po).

    .venv/bin/python scripts/i18n_from_toml.py [--check]

Re-runnable: the catalogues are written again from the TOML files each time (keys, Chinese,
translations; notes derived as `kiosk i18n update` derives them). --check writes nothing and
says whether the catalogues hold exactly the messages of the TOML files (exit 1 when not).
Once the TOML files are gone, the catalogues are the source and this script has nothing to do."""
from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kiosk.i18n.catalogue_files import (CATALOGUES, SOURCE_LANGUAGE, po_path, read_source,  # noqa: E402
                                        read_translations, template_path)
from kiosk.i18n.catalogues import build_template, merge, write_catalog  # noqa: E402

TOML_LANGUAGES = ("zh_CN", "en", "mn")


def read_toml(language: str, folder: Path) -> dict[str, str]:
    messages: dict[str, str] = {}
    for path in sorted((folder / language).glob("*.toml")):
        for key, value in tomllib.loads(path.read_text(encoding="utf-8")).items():
            if not isinstance(value, str):
                raise SystemExit(f"{path}: {key}: a message must be text")
            if key in messages:
                raise SystemExit(f"{path}: {key}: defined twice in {language}")
            messages[key] = value
    return messages


def differences(toml: dict[str, dict[str, str]], out: Path) -> list[str]:
    found = []
    source = read_source(out)
    for language, messages in toml.items():
        loaded = source if language == SOURCE_LANGUAGE else read_translations(language, source, out)
        for key in sorted(set(messages) | set(loaded)):
            if messages.get(key) != loaded.get(key):
                found.append(f"{language} {key}: toml {messages.get(key)!r}, catalogue {loaded.get(key)!r}")
    return found


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="compare only, write nothing")
    parser.add_argument("--toml", type=Path, default=ROOT / "kiosk" / "i18n", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, default=CATALOGUES, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    toml = {language: read_toml(language, args.toml) for language in TOML_LANGUAGES}
    if not toml[SOURCE_LANGUAGE]:
        print(f"no TOML messages under {args.toml}: the catalogues are the source now", file=sys.stderr)
        return 0 if not args.check else (1 if not template_path(args.out).is_file() else 0)
    if not args.check:
        template = build_template(toml[SOURCE_LANGUAGE])
        write_catalog(template, template_path(args.out))
        for language in TOML_LANGUAGES:
            if language == SOURCE_LANGUAGE:
                continue
            translated = merge(template, None, language)
            for message in translated:
                if message.context in toml[language]:
                    message.string = toml[language][message.context]
            write_catalog(translated, po_path(language, args.out))
    problems = differences(toml, args.out)
    for line in problems:
        print(line, file=sys.stderr)
    counts = ", ".join(f"{language} {len(messages)}" for language, messages in toml.items())
    print(f"{'checked' if args.check else 'converted'}: {counts} messages; "
          f"{len(problems)} difference(s) between TOML and catalogues", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
