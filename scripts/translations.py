"""What is left to translate in the Dutch catalogue, and a way to fill it in bulk.

    .venv/bin/python scripts/translations.py              # counts, and each entry needing work
    .venv/bin/python scripts/translations.py todo         # those msgids as JSON, ready to fill in
    .venv/bin/python scripts/translations.py apply F.json # write a filled-in JSON file into the .po

Run `make messages` first so that the catalogue holds every string in the code, and again
after `apply` to compile the .mo files. The JSON maps a msgid to its translation; an
entry with a plural form maps to a list [singular, plural]; an entry with a context is
keyed "context\\x04msgid", as gettext itself does. `apply` clears the fuzzy flag of every
entry it fills in, so read the translations before you apply them.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent.parent / "src" / "wijkkracht" / "locale"
CONTEXT_SEPARATOR = "\x04"


def catalogue_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "django.po"


def key(entry: polib.POEntry) -> str:
    return f"{entry.msgctxt}{CONTEXT_SEPARATOR}{entry.msgid}" if entry.msgctxt else entry.msgid


def needs_work(entry: polib.POEntry) -> bool:
    if entry.obsolete:
        return False
    if entry.fuzzy:
        return True
    if entry.msgid_plural:
        return not entry.msgstr_plural or not all(entry.msgstr_plural.values())
    return not entry.msgstr


def entries_needing_work(po: polib.POFile) -> list[polib.POEntry]:
    return [entry for entry in po if needs_work(entry)]


def show_status(po: polib.POFile, path: Path) -> int:
    todo = entries_needing_work(po)
    live = [entry for entry in po if not entry.obsolete]
    print(f"{path.relative_to(LOCALE_DIR.parent.parent.parent)}: {len(live)} entries,", end=" ")
    print(f"{len(todo)} need work ({sum(e.fuzzy for e in todo)} fuzzy).")
    for entry in todo:
        where = ", ".join(sorted({file for file, _line in entry.occurrences}))
        flag = "fuzzy" if entry.fuzzy else "empty"
        print(f"  [{flag}] {key(entry)!r}  ({where})")
    return 1 if todo else 0


def print_todo(po: polib.POFile) -> int:
    todo = {
        key(entry): ["", ""] if entry.msgid_plural else "" for entry in entries_needing_work(po)
    }
    json.dump(todo, sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


def apply(po: polib.POFile, path: Path, translations: dict[str, str | list[str]]) -> int:
    by_key = {key(entry): entry for entry in po if not entry.obsolete}
    unknown = sorted(set(translations) - set(by_key))
    applied = 0
    for msg_key, value in translations.items():
        entry = by_key.get(msg_key)
        if entry is None or not value:
            continue
        if entry.msgid_plural:
            if not isinstance(value, list) or len(value) != 2 or not all(value):
                print(f"Skipped {msg_key!r}: a plural entry needs [singular, plural].")
                continue
            entry.msgstr_plural = {0: value[0], 1: value[1]}
        else:
            if not isinstance(value, str):
                print(f"Skipped {msg_key!r}: expected one string.")
                continue
            entry.msgstr = value
        if entry.fuzzy:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
        applied += 1
    po.save(str(path))
    print(f"Applied {applied} translations to {path}.")
    for msg_key in unknown:
        print(f"Not in the catalogue (run make messages?): {msg_key!r}")
    left = len(entries_needing_work(po))
    print(f"{left} entries still need work. Run `make messages` to compile.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", nargs="?", default="status", choices=["status", "todo", "apply"])
    parser.add_argument("file", nargs="?", type=Path, help="JSON file of translations (apply)")
    parser.add_argument("--language", default="nl", help="catalogue to work on (default: nl)")
    args = parser.parse_args(argv)

    path = catalogue_path(args.language)
    if not path.exists():
        parser.error(f"{path} does not exist; run `make messages` first.")
    po = polib.pofile(str(path), wrapwidth=79)
    if args.command == "todo":
        return print_todo(po)
    if args.command == "apply":
        if args.file is None:
            parser.error("apply needs a JSON file of translations.")
        return apply(po, path, json.loads(args.file.read_text(encoding="utf-8")))
    return show_status(po, path)


if __name__ == "__main__":
    sys.exit(main())
