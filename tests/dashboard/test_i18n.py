"""The Dutch catalogue is complete and compiled (the interface is Dutch by default)."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

from django.conf import settings

LC_MESSAGES = Path(settings.LOCALE_PATHS[0]) / "nl" / "LC_MESSAGES"


def _entries(po_text: str) -> list[tuple[str, list[str], str]]:
    """(msgid, msgstr values, flags) per entry, header excluded."""
    entries = []
    for block in po_text.split("\n\n"):
        flags = " ".join(line for line in block.splitlines() if line.startswith("#,"))
        body = "\n".join(line for line in block.splitlines() if not line.startswith("#"))
        match = re.search(r'^msgid ((?:".*"\n?)+)', body, re.M)
        if not match:
            continue
        msgid = "".join(re.findall(r'"(.*)"', match.group(1)))
        if not msgid:
            continue
        strs = ["".join(re.findall(r'"(.*)"', m)) for m in re.findall(r'^msgstr(?:\[\d\])? ((?:".*"\n?)+)', body, re.M)]
        entries.append((msgid, strs, flags))
    return entries


def test_every_dutch_message_is_translated_and_not_fuzzy():
    entries = _entries((LC_MESSAGES / "django.po").read_text(encoding="utf-8"))
    assert len(entries) > 100
    untranslated = [msgid for msgid, strs, _flags in entries if not all(strs)]
    fuzzy = [msgid for msgid, _strs, flags in entries if "fuzzy" in flags]
    assert untranslated == []
    assert fuzzy == []


def test_compiled_catalogue_matches_the_po_file():
    entries = _entries((LC_MESSAGES / "django.po").read_text(encoding="utf-8"))
    with (LC_MESSAGES / "django.mo").open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    singles = [msgid for msgid, strs, _flags in entries if len(strs) == 1]
    missing = [msgid for msgid in singles if "\\" not in msgid and msgid not in catalogue._catalog]
    assert missing == [], "run: manage.py compilemessages -l nl -i .venv"
