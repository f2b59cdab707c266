"""The Dutch catalogue is complete, keeps every placeholder, is compiled, and is up to date
with the code. Fix a failure with `make messages`, then `scripts/translations.py`."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

SOURCE_DIR = Path(settings.BASE_DIR)  # src/wijkkracht, where `make messages` runs
LOCALE_DIR = SOURCE_DIR / "locale"
LANGUAGES = ["nl", "en"]
# The same options as the Makefile's `messages` target.
MAKEMESSAGES_IGNORE = ["static/*", "node_modules/*"]

# %(name)s, %(seconds).1f, %d, %s and {name}; "%%" is a literal percent sign, not a placeholder.
PLACEHOLDER = re.compile(
    r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]"
    r"|%[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]"
    r"|\{[^{}\s]*\}"
)
HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "django.po"


def catalogue(language: str) -> polib.POFile:
    path = po_path(language)
    assert path.exists(), f"{path} is missing: run `make messages`."
    return polib.pofile(str(path))


def live_entries(po: polib.POFile) -> list[polib.POEntry]:
    return [entry for entry in po if not entry.obsolete]


def describe(entry: polib.POEntry) -> str:
    context = f" (context {entry.msgctxt!r})" if entry.msgctxt else ""
    return f"{entry.msgid!r}{context}"


def markers(text: str) -> list[str]:
    """The placeholders and HTML tags a translation must keep, in any order."""
    text = text.replace("%%", "")
    return sorted(PLACEHOLDER.findall(text) + HTML_TAG.findall(text))


def msgstrs(entry: polib.POEntry) -> list[tuple[str, str]]:
    """(source, translation) pairs: the singular against the msgid, the other plural forms
    against the msgid_plural."""
    if entry.msgid_plural:
        return [
            (entry.msgid if index == 0 else entry.msgid_plural, text)
            for index, text in sorted(entry.msgstr_plural.items())
        ]
    return [(entry.msgid, entry.msgstr)]


def message_table(entries) -> dict[tuple[str | None, str], object]:
    """What a compiled catalogue answers: (context, msgid) to the translation(s)."""
    table = {}
    for entry in entries:
        if not entry.msgid:
            continue  # the header
        translation = (
            tuple(text for _index, text in sorted(entry.msgstr_plural.items()))
            if entry.msgid_plural
            else entry.msgstr
        )
        table[(entry.msgctxt or None, entry.msgid)] = translation
    return table


# (a) ----------------------------------------------------------------------------------------
def test_every_dutch_entry_is_translated_and_none_is_fuzzy():
    po = catalogue("nl")
    untranslated = [describe(e) for e in live_entries(po) if not e.translated() and not e.fuzzy]
    fuzzy = [describe(e) for e in live_entries(po) if e.fuzzy]
    problems = [f"  untranslated: {m}" for m in untranslated] + [f"  fuzzy: {m}" for m in fuzzy]

    assert not problems, (
        f"{len(untranslated)} untranslated and {len(fuzzy)} fuzzy entries in {po_path('nl')} "
        "(see `scripts/translations.py`):\n" + "\n".join(problems)
    )


@pytest.mark.django_db
def test_pages_speak_dutch_by_default_and_english_on_request(settings, client):
    settings.LANGUAGE_CODE = "nl"  # the product default; the suite runs in English

    dutch = client.get("/accounts/login/").content.decode()
    english = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "Inloggen bij Wijkkracht" in dutch and '<html lang="nl"' in dutch
    assert "Log in to Wijkkracht" in english and '<html lang="en"' in english


def test_the_dutch_catalogue_header_is_not_fuzzy_and_declares_dutch_plurals():
    po = catalogue("nl")

    assert not po.metadata_is_fuzzy
    assert po.metadata["Language"] == "nl"
    assert po.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"


def test_every_dutch_plural_entry_has_both_forms():
    po = catalogue("nl")
    incomplete = [
        describe(e)
        for e in live_entries(po)
        if e.msgid_plural and sorted(e.msgstr_plural) != [0, 1]
    ]

    assert not incomplete, "Plural entries need msgstr[0] and msgstr[1]:\n  " + "\n  ".join(
        incomplete
    )


# (b) ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders_and_html_tags_of_the_msgid(language):
    po = catalogue(language)
    broken = [
        f"{source!r}\n    -> {text!r}\n    expected {markers(source)}, found {markers(text)}"
        for entry in live_entries(po)
        for source, text in msgstrs(entry)
        if text and markers(text) != markers(source)
    ]

    assert not broken, f"Placeholders or tags differ in {po_path(language)}:\n  " + "\n  ".join(
        broken
    )


def test_the_placeholder_check_notices_a_lost_or_renamed_placeholder():
    assert markers("Page %(number)s of %(total)s") == markers("Pagina %(number)s van %(total)s")
    assert markers("%(done)d of %(total)d") != markers("%(done)d van %(totaal)d")
    assert markers("in %(seconds).1f s") != markers("in %(seconds)s s")
    assert markers("<strong>%d</strong> found") != markers("%d gevonden")
    assert markers("100%% sure") == markers("100%% zeker")


# (c) ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_committed_mo_file_is_compiled_from_the_po_file(language):
    po = catalogue(language)
    mo_path = po_path(language).with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} is missing: run `make messages` (compilemessages)."

    expected = message_table(polib.mofile(po.to_binary()))  # compiled in memory
    committed = message_table(polib.mofile(str(mo_path)))

    keys = expected.keys() | committed.keys()
    stale = sorted(repr(key[1]) for key in keys if expected.get(key) != committed.get(key))
    assert not stale, (
        f"{mo_path} does not match {po_path(language).name}; run `make messages` "
        f"(compilemessages). Differing entries:\n  " + "\n  ".join(stale)
    )


# (d) The catalogue is up to date with the code ------------------------------------------------
# This runs makemessages on a copy of the source tree and compares the msgids it finds with
# the committed catalogues. It fails when someone adds, changes or removes a gettext string
# without running `make messages`. It needs GNU gettext (xgettext, msgmerge) on PATH.
def test_the_catalogues_hold_exactly_the_msgids_in_the_code(tmp_path, settings, monkeypatch):
    if shutil.which("xgettext") is None or shutil.which("msgmerge") is None:
        pytest.fail(
            "GNU gettext is not installed, so the catalogues cannot be checked against the "
            "code: `apt-get install gettext` (scripts/test.sh does this where it may)."
        )
    copy = tmp_path / "wijkkracht"
    shutil.copytree(
        SOURCE_DIR,
        copy,
        ignore=shutil.ignore_patterns(
            "locale", "static", "node_modules", "__pycache__", "*.pyc", "*.po", "*.mo"
        ),
    )
    (copy / "locale").mkdir()
    settings.LOCALE_PATHS = [copy / "locale"]
    monkeypatch.chdir(copy)

    call_command(
        "makemessages",
        locale=["nl"],
        no_obsolete=True,
        ignore_patterns=MAKEMESSAGES_IGNORE,
        verbosity=0,
    )

    def msgids(po: polib.POFile) -> set[tuple[str | None, str, str]]:
        return {(e.msgctxt or None, e.msgid, e.msgid_plural or "") for e in live_entries(po)}

    in_code = msgids(polib.pofile(str(copy / "locale" / "nl" / "LC_MESSAGES" / "django.po")))
    for language in LANGUAGES:
        committed = msgids(catalogue(language))
        missing = sorted(repr(msgid) for _context, msgid, _plural in in_code - committed)
        obsolete = sorted(repr(msgid) for _context, msgid, _plural in committed - in_code)
        assert not missing and not obsolete, (
            f"The {language} catalogue is out of date with the code: run `make messages`, then "
            "translate the new entries (`scripts/translations.py`).\n"
            + "\n".join(
                [f"  in the code, not in the catalogue: {m}" for m in missing]
                + [f"  in the catalogue, no longer in the code: {m}" for m in obsolete]
            )
        )
