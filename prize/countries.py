"""The Council of Europe's member states, with their names as the CoE writes them.

46 members since 16 March 2022. The Russian Federation (member 1996-2022) is kept as a
former member so that archived editions from before 2022 can still name it.
"""

import unicodedata

from django.utils.translation import get_language

# code: (English, French)
MEMBER_STATES: dict[str, tuple[str, str]] = {
    "AL": ("Albania", "Albanie"),
    "AD": ("Andorra", "Andorre"),
    "AM": ("Armenia", "Arménie"),
    "AT": ("Austria", "Autriche"),
    "AZ": ("Azerbaijan", "Azerbaïdjan"),
    "BE": ("Belgium", "Belgique"),
    "BA": ("Bosnia and Herzegovina", "Bosnie-Herzégovine"),
    "BG": ("Bulgaria", "Bulgarie"),
    "HR": ("Croatia", "Croatie"),
    "CY": ("Cyprus", "Chypre"),
    "CZ": ("Czech Republic", "République tchèque"),
    "DK": ("Denmark", "Danemark"),
    "EE": ("Estonia", "Estonie"),
    "FI": ("Finland", "Finlande"),
    "FR": ("France", "France"),
    "GE": ("Georgia", "Géorgie"),
    "DE": ("Germany", "Allemagne"),
    "GR": ("Greece", "Grèce"),
    "HU": ("Hungary", "Hongrie"),
    "IS": ("Iceland", "Islande"),
    "IE": ("Ireland", "Irlande"),
    "IT": ("Italy", "Italie"),
    "LV": ("Latvia", "Lettonie"),
    "LI": ("Liechtenstein", "Liechtenstein"),
    "LT": ("Lithuania", "Lituanie"),
    "LU": ("Luxembourg", "Luxembourg"),
    "MT": ("Malta", "Malte"),
    "MD": ("Republic of Moldova", "République de Moldova"),
    "MC": ("Monaco", "Monaco"),
    "ME": ("Montenegro", "Monténégro"),
    "NL": ("Netherlands", "Pays-Bas"),
    "MK": ("North Macedonia", "Macédoine du Nord"),
    "NO": ("Norway", "Norvège"),
    "PL": ("Poland", "Pologne"),
    "PT": ("Portugal", "Portugal"),
    "RO": ("Romania", "Roumanie"),
    "SM": ("San Marino", "Saint-Marin"),
    "RS": ("Serbia", "Serbie"),
    "SK": ("Slovak Republic", "République slovaque"),
    "SI": ("Slovenia", "Slovénie"),
    "ES": ("Spain", "Espagne"),
    "SE": ("Sweden", "Suède"),
    "CH": ("Switzerland", "Suisse"),
    "TR": ("Türkiye", "Türkiye"),
    "UA": ("Ukraine", "Ukraine"),
    "GB": ("United Kingdom", "Royaume-Uni"),
}
FORMER_MEMBER_STATES: dict[str, tuple[str, str]] = {
    "RU": ("Russian Federation", "Fédération de Russie"),
}
KNOWN = MEMBER_STATES | FORMER_MEMBER_STATES
# Common non-ISO spellings, to point people at the right code.
ALIASES = {"UK": "GB", "EL": "GR", "KS": None}


def country_name(code: str, language: str | None = None) -> str:
    """The country's name in the given (or active) language; the code if unknown."""
    names = KNOWN.get(code)
    if names is None:
        return code
    return names[1] if (language or get_language() or "en").startswith("fr") else names[0]


def member_choices(language: str | None = None) -> list[tuple[str, str]]:
    """(code, name) of the current members, sorted by name in that language."""
    return sorted(
        ((code, country_name(code, language)) for code in MEMBER_STATES),
        key=lambda c: _collation_key(c[1]),
    )


def _collation_key(name: str) -> str:
    """Alphabetical order as a reader expects it: Géorgie before Grèce."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()


def code_problem(code: object) -> str | None:
    """Why a value is not an acceptable country code, or None if it is."""
    if not isinstance(code, str):
        return 'must be a two-letter ISO 3166-1 code such as "FR"'
    if code in KNOWN:
        return None
    hint = ALIASES.get(code)
    suffix = f' (did you mean "{hint}"?)' if hint else ""
    return (
        f'"{code}" is not the ISO 3166-1 alpha-2 code of a Council of Europe member state{suffix}'
    )
