"""The Council of Europe's and the Alliance's own words, shown verbatim in each language
(typography included), never a paraphrase or a translation of ours.

Source: the Alliance of Cities and Regions for Roma Inclusion's site (English and French
pages), as collected in `prize/data/official-texts.md` (a copy of the project brief's
`shared/data/official-texts.md`); a test compares
these with that file and with what the pages show. They are kept out of the .po
catalogue on purpose: the French is the Council of Europe's own French (its straight
quotes, its capitals, its missing full stop included), not a translation of the English.
"""

from .texts import pick

# Shown on every page (the base template's footer), as on the Alliance's site. The
# no-break spaces (\xa0) are the source's own.
ROMA_TRAVELLERS_NOTE = {
    "en": (
        "The term “Roma and Travellers” is\xa0used at the Council of Europe to encompass "
        "the wide diversity of the groups covered by the work of the Council of Europe "
        "in this field including Roma, Sinti/Manush, Calé, Kaale, Romanichals, "
        "Boyash/Rudari, Balkan Egyptians (Egyptians and Ashkali), Eastern groups (Dom, "
        "Lom and Abdal), groups such as Travellers, Yenish, and the populations "
        "designated under the administrative term “Gens du voyage”, as well as persons "
        "who identify themselves as Gypsies."
    ),
    "fr": (
        'Le terme "Roms et Gens du Voyage" est utilisé par le Conseil de l\'Europe pour '
        "englober la diversité des groupes inclut\xa0dans\xa0le travail du Conseil de "
        "l'Europe sur le terrain intégrant\xa0des Roms, Sinti/Manouches, Calé, Kaale, "
        "Romanichels, Boyash/Rudari, Égyptiens balkaniques (Égyptiens et Ashkali), des "
        "groupes de l'est (Dom, Lom et Abdal), des groupes comme Travellers, Yénishes "
        'et des populations désignées par le terme administratif\xa0"Gens du voyage", '
        "ainsi que des personnes qui s'identifient eux-mêmes comme Tsiganes."
    ),
}

# The top of the Alliance's pages: what the Alliance is, then under whose auspices.
ALLIANCE_MISSION = {
    "en": (
        'The "Alliance"\xa0fights discrimination against Roma at the local and regional '
        "levels, promotes their inclusion and raises awareness of these communities "
        "among local and regional authorities."
    ),
    "fr": (
        "«L’Alliance» combat les discriminations envers les Roms aux niveaux local et "
        "régional, promeut leur inclusion et attire l’attention\xa0des autorités locales "
        "et régionale sur ces communautés."
    ),
}
ALLIANCE_AUSPICES = {
    "en": (
        "The Alliance\xa0operates under the auspices of the Congress of Local and "
        "Regional Authorities of the Council of Europe."
    ),
    "fr": (
        "L’Alliance opère sous le contrôle du Conseil des Autorités Locales et "
        "Régionales du Conseil de l’Europe"
    ),
}

TEXTS = {
    "roma_travellers_note": ROMA_TRAVELLERS_NOTE,
    "alliance_mission": ALLIANCE_MISSION,
    "alliance_auspices": ALLIANCE_AUSPICES,
}


def official_text(name: str, language: str | None = None) -> str:
    """The text `name` in `language` (the active language by default; English for any
    language the Council of Europe did not publish it in)."""
    return pick(TEXTS[name], language).text
