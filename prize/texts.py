"""Texts in several languages, stored as {"en": ..., "fr": ...} as in the interchange
format, and the prize's own wording of places and editions.

Pure functions: the active language comes from Django's translation machinery, so the
same code serves pages, e-mails and certificates (with translation.override).
"""

from dataclasses import dataclass

from django.utils.translation import get_language, gettext, pgettext

PREFERENCE = ("en", "fr")


@dataclass(frozen=True)
class Localized:
    """A text and the language it is actually in, so pages can mark it with lang=."""

    text: str
    lang: str

    def __str__(self) -> str:
        return self.text


def pick(value: dict | None, language: str | None = None) -> Localized | None:
    """The text in the wanted language, else in the other working language, else any."""
    if not value:
        return None
    language = (language or get_language() or "en")[:2]
    for code in (language, *PREFERENCE, *sorted(value)):
        text = value.get(code)
        if text:
            return Localized(text, code)
    return None


def ordinal(number: int, *, feminine: bool = False, language: str | None = None) -> str:
    """1st, 2nd, 3rd, 11th… in English; 1er/1re, 2e, 3e… in French."""
    language = (language or get_language() or "en")[:2]
    if language == "fr":
        if number == 1:
            return "1re" if feminine else "1er"
        return f"{number}e"
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def place_label(place: int, ex_aequo: bool) -> str:
    """The prize's words for a place: '1st place (joint)', '2nd place ex aequo'.

    A shared first place was announced as a joint prize (2008, 2011); a shared later
    place as ex aequo (2015).
    """
    nth = ordinal(place, feminine=True)
    if ex_aequo and place == 1:
        return pgettext("shared first place", "%(ordinal)s place (joint)") % {"ordinal": nth}
    if ex_aequo:
        return pgettext("shared place", "%(ordinal)s place ex aequo") % {"ordinal": nth}
    return pgettext("place", "%(ordinal)s place") % {"ordinal": nth}


def prize_title(number: int) -> str:
    """'5th Dosta!-Congress Prize' / '5e Prix Dosta!-Congrès'."""
    return gettext("%(ordinal)s Dosta!-Congress Prize") % {"ordinal": ordinal(number)}


def laureate_heading(*, place: int, number: int, authority: str, country: str) -> str:
    """'2nd place of the 5th Dosta!-Congress Prize – City of Kragujevac (Serbia)'."""
    return gettext("%(place)s of the %(prize)s – %(authority)s (%(country)s)") % {
        "place": pgettext("place", "%(ordinal)s place")
        % {"ordinal": ordinal(place, feminine=True)},
        "prize": prize_title(number),
        "authority": authority,
        "country": country,
    }
