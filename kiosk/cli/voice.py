"""`kiosk voice list` shows where each prompt's sound comes from (clip, synthesis or none) in each
language; `kiosk voice say MESSAGE_ID [--lang L] --out FILE.wav` writes what the terminal would play."""
from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from ..i18n import LANGUAGES, SOURCE_LANGUAGE, load_language
from ..services.voice import CACHE_FOLDER, PromptLibrary
from ..services.voice.library import CLIP, NONE
from ..services.voice.moments import MOMENT_MESSAGES, every_prompt
from .common import add_config_option, load_or_explain


def library_for(config) -> PromptLibrary:
    terminal = config.terminal
    return PromptLibrary(config.voice, config.storage.data_dir / CACHE_FOLDER,
                         {"window": terminal.help_window, "hotline": terminal.hotline})


def list_prompts(library: PromptLibrary, languages: list[str]) -> int:
    moments = {key: moment.value for moment, key in MOMENT_MESSAGES.items()}
    counts = {lang: {} for lang in languages}
    print("\t".join(["message id", "moment", *languages]))
    for key in every_prompt():
        row = [key, moments.get(key, "reason")]
        for lang in languages:
            kind = library.source_of(key, lang).kind
            counts[lang][kind] = counts[lang].get(kind, 0) + 1
            row.append(kind)
        print("\t".join(row))
    for lang in languages:
        summary = ", ".join(f"{n} {kind}" for kind, n in sorted(counts[lang].items()))
        print(f"{lang}: {summary}", file=sys.stderr)
    if not library.settings.enabled:
        print("[voice] enabled = false: the terminal does not speak", file=sys.stderr)
    return 0


def say(library: PromptLibrary, message_id: str, language: str, out: Path) -> int:
    if message_id not in load_language(SOURCE_LANGUAGE):
        print(f"kiosk voice say: {message_id!r} is no message id; `kiosk voice list` shows the prompts",
              file=sys.stderr)
        return 2
    source = library.source_of(message_id, language)
    if source.kind == NONE:
        print(f"kiosk voice say: {message_id} in {language} is silent: {source.detail}", file=sys.stderr)
        return 1
    if source.kind == CLIP and Path(source.detail).suffix.lower() != out.suffix.lower():
        print(f"kiosk voice say: the clip is {Path(source.detail).name}; give --out a "
              f"{Path(source.detail).suffix} name", file=sys.stderr)
        return 2
    path = library.sound_file(message_id, language)
    if path is None:
        print(f"kiosk voice say: {message_id} in {language} could not be synthesised (see the log)",
              file=sys.stderr)
        return 1
    try:
        shutil.copyfile(path, out)
    except OSError as exc:
        print(f"kiosk voice say: cannot write {out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"{out}: {message_id} in {language} from {source.kind} ({out.stat().st_size} bytes)")
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="kiosk voice", description=__doc__)
    common = argparse.ArgumentParser(add_help=False)
    add_config_option(common)
    sub = parser.add_subparsers(dest="action", required=True)
    listing = sub.add_parser("list", parents=[common],
                             help="every prompt with its source (clip, synthesis, none) per language")
    listing.add_argument("--lang", choices=LANGUAGES, action="append", help="only this language (repeatable)")
    saying = sub.add_parser("say", parents=[common], help="write the sound the terminal would play for MESSAGE_ID")
    saying.add_argument("message_id")
    saying.add_argument("--lang", choices=LANGUAGES, default=SOURCE_LANGUAGE)
    saying.add_argument("--out", required=True, type=Path, metavar="FILE.wav")
    args = parser.parse_args(argv)
    config = load_or_explain(args.config)
    if config is None:
        return 2
    library = library_for(config)
    if args.action == "list":
        return list_prompts(library, args.lang or list(LANGUAGES))
    return say(library, args.message_id, args.lang, args.out)
