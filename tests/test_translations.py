"""Every visible string has a French translation, and the compiled catalogue that the
site loads is the one committed beside it."""

import ast
import gettext
from pathlib import Path

from django.conf import settings

PO = Path(settings.BASE_DIR) / "locale" / "fr" / "LC_MESSAGES" / "django.po"


def entries() -> list[dict]:
    """A small .po reader: msgctxt, msgid, msgid_plural, msgstr[n], and flags."""
    found, current, key = [], {}, None
    for line in [*PO.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if current.get("msgid") is not None:
                found.append(current)
            current, key = {}, None
        elif line.startswith("#,"):
            current["flags"] = line[2:]
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            current[key] += ast.literal_eval(line)
        else:
            key, _, value = line.partition(" ")
            current[key] = ast.literal_eval(value)
    return [e for e in found if e["msgid"]]  # the header has an empty msgid


def test_every_message_is_translated_and_none_is_fuzzy():
    messages = entries()
    assert len(messages) > 200
    untranslated = [
        e["msgid"] for e in messages if not all(v for k, v in e.items() if k.startswith("msgstr"))
    ]
    fuzzy = [e["msgid"] for e in messages if "fuzzy" in e.get("flags", "")]
    assert untranslated == []
    assert fuzzy == []


def test_compiled_catalogue_matches_the_po_file():
    with open(PO.with_suffix(".mo"), "rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    for e in entries():
        msgid = e["msgid"] if "msgctxt" not in e else f"{e['msgctxt']}\x04{e['msgid']}"
        expected = e.get("msgstr", e.get("msgstr[0]"))
        assert (
            catalogue._catalog.get(msgid if "msgid_plural" not in e else (msgid, 0)) == expected
        ), e["msgid"]
