"""Addresses made from authority names: ASCII only, readable, whatever the script.

Pure functions. Unicode decomposition folds Latin letters with accents (Şişli → sisli),
but Cyrillic and Greek letters have no ASCII base, so they are transliterated first
(Крагујевац → kragujevac), with the Serbian and Macedonian letters among them."""

import unicodedata

from django.utils.text import slugify

MAX_LENGTH = 80

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ђ": "dj", "ѓ": "gj", "е": "e",
    "ё": "e", "є": "ye", "ж": "zh", "з": "z", "ѕ": "dz", "и": "i", "і": "i", "ї": "yi",
    "й": "y", "ј": "j", "к": "k", "л": "l", "љ": "lj", "м": "m", "н": "n", "њ": "nj",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "ћ": "c", "ќ": "kj", "у": "u",
    "ў": "u", "ф": "f", "х": "h", "ц": "c", "ч": "ch", "џ": "dz", "ш": "sh", "щ": "sht",
    "ъ": "a", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "ґ": "g",
}  # fmt: skip
_GREEK = {
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th",
    "ι": "i", "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p",
    "ρ": "r", "σ": "s", "ς": "s", "τ": "t", "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps",
    "ω": "o",
}  # fmt: skip
# Latin letters that Unicode does not decompose into a base letter and an accent.
_LATIN = {"ı": "i", "ł": "l", "ø": "o", "đ": "dj", "ð": "d", "æ": "ae", "œ": "oe", "ß": "ss"}
_TABLE = str.maketrans(_CYRILLIC | _GREEK | _LATIN)
# Greek pairs read as one sound (ELOT 743): Ηρακλείου is Irakleiou, not Irakleioy.
_DIGRAPHS = (("ου", "ou"), ("αυ", "av"), ("ευ", "ev"))


def ascii_slug(name: str, *, default: str = "authority") -> str:
    """A lower-case ASCII slug of a name, never empty, at most MAX_LENGTH characters."""
    # Greek accents first (ά → α), so the table sees the bare letter.
    decomposed = unicodedata.normalize("NFKD", (name or "").lower())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    for pair, sound in _DIGRAPHS:
        bare = bare.replace(pair, sound)
    latin = bare.translate(_TABLE)
    slug = slugify(latin)[:MAX_LENGTH].strip("-")
    return slug or default


def with_suffix(base: str, n: int) -> str:
    """The n-th candidate for a taken slug: base, base-2, base-3…"""
    if n <= 1:
        return base
    suffix = f"-{n}"
    return base[: MAX_LENGTH - len(suffix)].rstrip("-") + suffix
