"""Reads for the public site. Each runs a fixed number of queries, whatever the number
of editions, entries or photos."""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from itertools import groupby

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext

from jury import selectors as jury_selectors
from jury.models import Result
from prize.enums import PUBLIC_RESULT_STATES
from prize.models import Edition, EditionTransition
from prize.texts import place_label
from submissions.files import RENDITIONS
from submissions.models import Photo
from submissions.rules import photo_is_public
from web.transliteration import folded

from .models import NewsItem


@dataclass
class PlaceGroup:
    """One prize place and the laureates who hold it (several when ex aequo)."""

    place: int
    ex_aequo: bool
    results: list[Result] = field(default_factory=list)

    @property
    def label(self) -> str:
        return place_label(self.place, self.ex_aequo)


def place_groups(results) -> list[PlaceGroup]:
    groups = []
    for place, items in groupby(results, key=lambda r: r.place):
        items = list(items)
        groups.append(PlaceGroup(place, any(r.ex_aequo for r in items), items))
    return groups


def laureates_by_edition(editions: list[Edition]) -> dict[int, list[PlaceGroup]]:
    """The laureates (place ≤ the edition's places) of editions whose results are public."""
    public = [e for e in editions if e.state in PUBLIC_RESULT_STATES]
    by_edition: dict[int, list[Result]] = {e.pk: [] for e in public}
    places = {e.pk: e.places for e in public}
    for result in jury_selectors.results(editions=public):
        edition_id = result.decision.edition_id
        if result.place <= places[edition_id]:
            by_edition[edition_id].append(result)
    return {pk: place_groups(results) for pk, results in by_edition.items()}


def archive(laureates: "Laureates | None" = None) -> list[tuple[Edition, list[PlaceGroup]]]:
    """Every public edition, newest first, with its laureates. Two queries, none when
    public_laureates() was read already."""
    laureates = laureates or public_laureates()
    return [(e, laureates.groups.get(e.pk, [])) for e in laureates.editions]


def latest_laureates() -> tuple[Edition | None, list[PlaceGroup]]:
    edition = (
        Edition.objects.filter(state__in=PUBLIC_RESULT_STATES, decision__isnull=False)
        .order_by("-number")
        .first()
    )
    if edition is None:
        return None, []
    return edition, laureates_by_edition([edition])[edition.pk]


def public_editions() -> list[Edition]:
    return list(Edition.objects.public().order_by("-number"))


def laureate(number: int, ref: str) -> tuple[Result, list[Result]]:
    """A laureate of a published edition and the others who share its place. Three
    queries, whatever the number of photos: the entry's photos come prefetched."""
    photos = Prefetch("entry__photos", queryset=Photo.objects.order_by("order", "pk"))
    result = (
        Result.objects.select_related("entry__authority", "entry__edition", "decision__edition")
        .prefetch_related(photos)
        .filter(
            entry__ref=ref,
            entry__edition__number=number,
            entry__edition__state__in=PUBLIC_RESULT_STATES,
        )
        .first()
    )
    if result is None or result.place > result.entry.edition.places:
        raise Http404("No such laureate")
    shared = list(
        Result.objects.select_related("entry__authority")
        .filter(decision=result.decision, place=result.place)
        .exclude(pk=result.pk)
        .order_by("entry__ref")
    )
    return result, shared


def shortlisted(edition: Edition) -> int:
    """How many entries the jury shortlisted for its final round, told on the results
    page of an edition that used a shortlist (a count: the entries not awarded are not
    named in public). 0 without a shortlist, and no query."""
    if edition.shortlist_size is None:
        return 0
    return jury_selectors.shortlisted_count(edition=edition)


def laureates_text(groups: list[PlaceGroup]) -> str:
    """One line for feeds and link previews: '1st place – City of Ghent (Belgium); 2nd
    place ex aequo – …', in the active language."""
    parts = [
        gettext("%(place)s – %(authority)s (%(country)s)")
        % {
            "place": group.label,
            "authority": result.entry.authority.display_name,
            "country": result.entry.authority.country_label,
        }
        for group in groups
        for result in group.results
    ]
    return "; ".join(parts)


# --- Photos ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicPhoto:
    """A photo that may be shown on the public site, with the pixel sizes of what the
    files view sends, so the page reserves the right space before the image arrives."""

    photo: Photo
    width: int | None
    height: int | None
    thumb_width: int | None


def _fitted(photo: Photo, rendition: str) -> tuple[int, int] | tuple[None, None]:
    """The size of a rendition: the original shrunk to fit its longest side, as
    submissions.files makes it. Without the rendition the view sends the original."""
    width, height = photo.width, photo.height
    if not (width and height):
        return None, None
    if not getattr(photo, rendition):
        return width, height
    scale = RENDITIONS[rendition] / max(width, height)
    if scale >= 1:
        return width, height
    return max(1, round(width * scale)), max(1, round(height * scale))


def public_photos(entry, *, shown_if=photo_is_public) -> list[PublicPhoto]:
    """The entry's photos that may be published (consent of the authority and of the
    people shown); no query when the photos were prefetched, as laureate() does. The
    preview of a publication passes `photo_consented`: the results are not public yet."""
    shown = []
    for photo in entry.photos.all():
        if shown_if(photo):
            width, height = _fitted(photo, "large")
            thumb_width = _fitted(photo, "thumb")[0] if photo.thumb else None
            shown.append(PublicPhoto(photo, width, height, thumb_width))
    return shown


# --- Search of the archive ---------------------------------------------------------------

_WORD = re.compile(r"\w+")


def search_words(query: str) -> list[str]:
    return _WORD.findall(folded(query))


@dataclass
class Laureates:
    """Every public edition (newest first) and the laureates of those whose results are
    public, newest edition first, then by place: what the archive lists and searches and
    the sitemap maps."""

    editions: list[Edition]
    groups: dict[int, list[PlaceGroup]]

    @property
    def results(self) -> list[Result]:
        return [r for e in self.editions for g in self.groups.get(e.pk, []) for r in g.results]

    @property
    def countries(self) -> set[str]:
        return {r.entry.authority.country for r in self.results}

    @property
    def years(self) -> list[int]:
        """The years of the calls whose results are public, newest first."""
        return list(dict.fromkeys(e.year for e in self.editions if e.pk in self.groups))


def public_laureates() -> Laureates:
    """Two queries, whatever the number of editions and laureates."""
    editions = list(Edition.objects.public().order_by("-number"))
    return Laureates(editions, laureates_by_edition(editions))


def _haystack(result: Result) -> str:
    entry, authority = result.entry, result.entry.authority
    texts = [authority.name, authority.name_fr, authority.name_local]
    for value in (entry.title, entry.summary):
        if isinstance(value, dict):
            texts += [str(text) for text in value.values() if text]
    return folded(" ".join(texts))


def search(
    laureates: Laureates, *, words: list[str], country: str = "", year: int | None = None
) -> list[Result]:
    """The laureates whose title, summary (any language) or authority name (official,
    French or local) holds every word, from the given country and year. In Python: they
    are few (about four per edition), and SQLite and PostgreSQL then fold accents the
    same way."""
    return [
        r
        for r in laureates.results
        if (not country or r.entry.authority.country == country)
        and (year is None or r.decision.edition.year == year)
        and _holds(_haystack(r), words)
    ]


def _holds(haystack: str, words: list[str]) -> bool:
    return all(word in haystack for word in words)


# --- Feeds -------------------------------------------------------------------------------


def published_editions() -> list[Edition]:
    """Editions whose results are public, newest first, each with `laureate_groups` and
    `published_at`: when its results were published, else its ceremony (noon in
    Strasbourg), else the first of January of its year. Three queries."""
    publications = EditionTransition.objects.filter(action="publish").order_by("at")
    editions = list(
        Edition.objects.filter(state__in=PUBLIC_RESULT_STATES)
        .prefetch_related(Prefetch("transitions", queryset=publications, to_attr="publications"))
        .order_by("-number")
    )
    groups = laureates_by_edition(editions)
    for edition in editions:
        edition.laureate_groups = groups.get(edition.pk, [])
        edition.published_at = _published_at(edition)
    return editions


def _published_at(edition: Edition) -> datetime:
    """Never the row's creation: an imported archive would be dated by its import and
    readers would list the oldest edition as the newest news."""
    if edition.publications:
        return edition.publications[-1].at
    day = edition.ceremony_date or date(edition.year, 1, 1)
    return timezone.make_aware(datetime.combine(day, time(12)))


FEED_ITEMS = 20


def news_listed(language: str):
    """The news of the page or feed in `language`, newest first (a queryset to page)."""
    return NewsItem.objects.listed_in(language).newest_first()


def news_item(pk: int, language: str) -> NewsItem:
    """An item listed in `language`; not found in a language it is not listed in, so the
    page and the sitemap agree."""
    return get_object_or_404(NewsItem.objects.listed_in(language), pk=pk)


def news_photo(pk: int) -> NewsItem:
    return get_object_or_404(NewsItem.objects.exclude(file=""), pk=pk)


def news_for_secretariat():
    return NewsItem.objects.newest_first()
