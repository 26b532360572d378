"""The demo's call for entries (the open demo edition's text, in English and French) and
its news items, through the services, so that `make run` shows the call on the home page
and its PDF, and a news page with its feeds. Every text says it is a demonstration.
Idempotent: a news item is found by its English title, a call text written once."""

from datetime import timedelta

from django.utils import timezone

from prize import services as prize
from prize.models import Edition
from results.models import NewsItem
from results.services import news_create

from . import data
from .photos import demo_photo

# The secretariat's safe text format (web/richtext.py): paragraphs, lists, links, headings.
CALL_TEXT = {
    "en": """This is a demonstration call for entries: the edition, its dates and this \
text are invented, to show how a call looks on the site and in its PDF.

## Who may enter

- local and regional authorities of the member States of the Council of Europe;
- with a project for the inclusion of Roma and Travellers that ran within the edition's \
project period.

## How to take part

1. Register an account and your authority ("Take part").
2. Write your entry in English or French, with 1 to 10 photos.
3. Submit it before the deadline (Strasbourg time).

Questions about this demo call: [the secretariat](mailto:secretariat@congress.example).""",
    "fr": """Ceci est un appel à candidatures de démonstration : l’édition, ses dates et \
ce texte sont inventés, pour montrer à quoi ressemble un appel sur le site et dans son PDF.

## Qui peut participer

- les collectivités locales et régionales des États membres du Conseil de l’Europe ;
- avec un projet pour l’inclusion des Roms et des Gens du voyage mené pendant la période \
des projets de l’édition.

## Comment participer

1. Créez un compte et enregistrez votre collectivité (« Participer »).
2. Rédigez votre candidature en anglais ou en français, avec 1 à 10 photos.
3. Soumettez-la avant la date limite (heure de Strasbourg).

Questions sur cet appel de démonstration : \
[le secrétariat](mailto:secretariat@congress.example).""",
}

PHOTO_ALT = {
    "en": "A drawing of coloured shapes marked DEMO: houses side by side.",
    "fr": "Un dessin de formes colorées marqué DEMO : des maisons côte à côte.",
}
# (days ago, with a photo, the texts): the English titles say "Demo" and identify them.
NEWS = (
    (
        0,
        True,
        {
            "title_en": "Demo news: the demo call for entries is open",
            "text_en": "A demonstration news item: nothing here is real.\n\n"
            "The demo edition “Demo · open for entries” takes entries until its deadline. "
            "Read the call on the home page.",
            "title_fr": "Actualité de démonstration : l’appel de démonstration est ouvert",
            "text_fr": "Une actualité de démonstration : rien n’y est réel.\n\n"
            "L’édition de démonstration « Démo · appel à candidatures ouvert » reçoit les "
            "candidatures jusqu’à sa date limite. L’appel est sur la page d’accueil.",
        },
    ),
    (
        30,
        False,
        {
            "title_en": "Demo news: the laureates of the demo edition",
            "text_en": "A demonstration news item: nothing here is real.\n\n"
            "The results of “Demo · results published” are on its edition page, with the "
            "laureates' pages and their certificates.",
            "title_fr": "Actualité de démonstration : les lauréats de l’édition de démonstration",
            "text_fr": "Une actualité de démonstration : rien n’y est réel.\n\n"
            "Les résultats de « Démo · résultats publiés » sont sur la page de l’édition, "
            "avec les pages des lauréats et leurs certificats.",
        },
    ),
)
NEWS_TITLES = tuple(fields["title_en"] for _days, _photo, fields in NEWS)


def call_text_ensure(*, by) -> None:
    """The open demo edition's call, written where it has none (a demo built before the
    call had a text); a text the secretariat changed is left as it is."""
    edition = Edition.objects.filter(number=data.OPEN).first()
    if edition is None or edition.call_text_en or edition.call_text_fr:
        return
    prize.edition_update(
        edition_id=edition.pk, by=by, call_text_en=CALL_TEXT["en"], call_text_fr=CALL_TEXT["fr"]
    )


def news_demo(*, by) -> None:
    """Each demo news item that does not exist yet, published by the secretariat."""
    today = timezone.localdate()
    for n, (days, with_photo, fields) in enumerate(NEWS):
        if NewsItem.objects.filter(title_en=fields["title_en"]).exists():
            continue
        photo = {}
        if with_photo:
            photo = {
                "photo": demo_photo(n, name="demo-news.jpg"),
                "photo_credit": "Demo picture, drawn for the demonstration",
                "photo_alt_en": PHOTO_ALT["en"],
                "photo_alt_fr": PHOTO_ALT["fr"],
            }
        news_create(by=by, published_on=today - timedelta(days=days), **fields, **photo)


def demo_news():
    """The demo's news items (for --reset)."""
    return NewsItem.objects.filter(title_en__in=NEWS_TITLES)
