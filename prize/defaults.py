"""The five award criteria as published; the default for every new edition."""

from decimal import Decimal

from .texts import pick

DEFAULT_CRITERIA = [
    {
        "code": "social-rights",
        "name": {
            "en": "Effective access of Roma to social rights "
            "(housing, employment, education, health)",
            "fr": "Accès effectif des Roms aux droits sociaux (logement, emploi, éducation, santé)",
        },
    },
    {
        "code": "intercultural-dialogue",
        "name": {
            "en": "Intercultural and interethnic dialogue",
            "fr": "Dialogue interculturel et interethnique",
        },
    },
    {
        "code": "diversity",
        "name": {
            "en": "Diversity in community life",
            "fr": "Diversité dans la vie de la collectivité",
        },
    },
    {
        "code": "democratic-participation",
        "name": {
            "en": "Active democratic participation",
            "fr": "Participation démocratique active",
        },
    },
    {
        "code": "awareness",
        "name": {
            "en": "Public awareness of Roma rights and culture; fighting stereotypes and prejudice",
            "fr": "Sensibilisation aux droits et à la culture des Roms ; lutte contre les "
            "stéréotypes et les préjugés",
        },
    },
]
DEFAULT_WEIGHT = Decimal("1")
DEFAULT_MAX_SCORE = 10


def default_criterion_names() -> dict[str, str]:
    """The criteria a new edition starts with, code → name in the current language."""
    return {c["code"]: pick(c["name"]).text for c in DEFAULT_CRITERIA}
