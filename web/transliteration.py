"""One transliteration for the whole site: search, references, slugs and file names.

Pure functions. Unicode decomposition folds Latin letters with accents (Şişli → Sisli);
Cyrillic, Greek, Georgian and Armenian letters have no ASCII base, so they are
transliterated by the tables below (Крагујевац → Kragujevac), with the Serbian and
Macedonian letters among them. Every place that turns a name into ASCII or folds it for
search goes through here, so "đ" is "dj" in a reference and in a search alike."""

import unicodedata

from django.utils.text import slugify

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
# Georgian: the national system of 2002, without its apostrophes (they make no slug).
_GEORGIAN = {
    "ა": "a", "ბ": "b", "გ": "g", "დ": "d", "ე": "e", "ვ": "v", "ზ": "z", "თ": "t",
    "ი": "i", "კ": "k", "ლ": "l", "მ": "m", "ნ": "n", "ო": "o", "პ": "p", "ჟ": "zh",
    "რ": "r", "ს": "s", "ტ": "t", "უ": "u", "ფ": "p", "ქ": "k", "ღ": "gh", "ყ": "q",
    "შ": "sh", "ჩ": "ch", "ც": "ts", "ძ": "dz", "წ": "ts", "ჭ": "ch", "ხ": "kh", "ჯ": "j",
    "ჰ": "h",
}  # fmt: skip
_ARMENIAN = {
    "ա": "a", "բ": "b", "գ": "g", "դ": "d", "ե": "e", "զ": "z", "է": "e", "ը": "y",
    "թ": "t", "ժ": "zh", "ի": "i", "լ": "l", "խ": "kh", "ծ": "ts", "կ": "k", "հ": "h",
    "ձ": "dz", "ղ": "gh", "ճ": "ch", "մ": "m", "յ": "y", "ն": "n", "շ": "sh", "ո": "o",
    "չ": "ch", "պ": "p", "ջ": "j", "ռ": "r", "ս": "s", "վ": "v", "տ": "t", "ր": "r",
    "ց": "ts", "ւ": "v", "փ": "p", "ք": "k", "և": "ev", "օ": "o", "ֆ": "f",
}  # fmt: skip
# Latin letters that Unicode does not decompose into a base letter and an accent.
_LATIN = {"ı": "i", "ł": "l", "ø": "o", "đ": "dj", "ð": "d", "æ": "ae", "œ": "oe", "ß": "ss"}
_LOWER = _CYRILLIC | _GREEK | _GEORGIAN | _ARMENIAN | _LATIN
# Capitals read as their small letters, capitalised (Ђ → Dj); Georgian has no case.
_TABLE = str.maketrans(
    _LOWER
    | {
        k.upper(): v.capitalize()
        for k, v in _LOWER.items()
        if k.upper() != k and len(k.upper()) == 1
    }
)
# Pairs read as one sound: Greek (ELOT 743: Ηρακλείου is Irakleiou, not Irakleioy) and
# Armenian ու (u).
_DIGRAPHS = (("ου", "ou"), ("αυ", "av"), ("ευ", "ev"), ("ու", "u"))
_DIGRAPHS += tuple((a.upper(), b.upper()) for a, b in _DIGRAPHS)
_DIGRAPHS += tuple((a[0].upper() + a[1:], b.capitalize()) for a, b in _DIGRAPHS[:4])


def transliterated(text: str) -> str:
    """`text` in Latin letters without accents, case kept; letters of scripts the tables
    do not know are left as they are."""
    # Accents first (ά → α, Š → S), so the tables see the bare letter.
    decomposed = unicodedata.normalize("NFKD", text or "")
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    for pair, sound in _DIGRAPHS:
        bare = bare.replace(pair, sound)
    return bare.translate(_TABLE)


def folded(text: str) -> str:
    """Lower case, transliterated: what search compares, so 'sisli' finds Şişli,
    'JYVASKYLA' Jyväskylä and 'kragujevac' Крагујевац."""
    return transliterated(text.casefold()).casefold()


def ascii_text(text: str) -> str:
    """Transliterated, then anything still outside ASCII dropped (file names)."""
    return transliterated(text).encode("ascii", "ignore").decode()


def ascii_slug(name: str, *, default: str, max_length: int = 80) -> str:
    """A lower-case ASCII slug of a name, never empty, at most `max_length` characters."""
    slug = slugify(transliterated((name or "").lower()))[:max_length].strip("-")
    return slug or default


def with_suffix(base: str, n: int, *, max_length: int = 80) -> str:
    """The n-th candidate for a taken slug: base, base-2, base-3…"""
    if n <= 1:
        return base
    suffix = f"-{n}"
    return base[: max_length - len(suffix)].rstrip("-") + suffix
