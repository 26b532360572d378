"""The public site: home, archive (with its search), an edition's results, a laureate,
and robots.txt."""

from django.conf import settings
from django.core.paginator import EmptyPage, Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext, ngettext

from prize import selectors as prize_selectors
from prize.enums import EditionState
from prize.templatetags.prize_tags import plain
from prize.texts import laureate_heading, pick, place_label
from results import selectors
from results.forms import ArchiveSearchForm
from results.public_cache import cached_public_page
from web import richtext
from web.links import absolute
from web.pages import PageMeta

EDITIONS_PER_PAGE = 10
LAUREATES_PER_PAGE = 20


@cached_public_page
def home(request):
    edition, groups = selectors.latest_laureates()
    meta = PageMeta(
        canonical=absolute(reverse("results:home")),
        title=gettext("Dosta!-Congress Prize for Municipalities"),
        description=gettext(
            "The prize rewards local and regional authorities whose innovative and creative "
            "projects ensure the long-term inclusion of Roma and Travellers, respect the "
            "diversity of these communities and involve them in local democratic life."
        ),
    )
    return render(
        request,
        "results/home.html",
        {
            "call": prize_selectors.open_call(),
            "latest": edition,
            "latest_groups": groups,
            "meta": meta,
        },
    )


# --- Archive and its search --------------------------------------------------------------


@cached_public_page
def archive(request):
    laureates = selectors.public_laureates()
    form = ArchiveSearchForm(request.GET, laureates=laureates)
    context = {"form": form, "filtering": form.filtering}
    if not form.filtering:
        context["page"] = _page(request, selectors.archive(laureates), EDITIONS_PER_PAGE)
    elif form.is_valid():
        context.update(_search(request, form.cleaned_data, laureates))
    context["meta"] = _archive_meta(context.get("page"), form.filtering)
    return render(request, "results/archive.html", context)


def _search(request, data: dict, laureates: selectors.Laureates) -> dict:
    found = selectors.search(
        laureates,
        words=selectors.search_words(data["q"]),
        country=data["country"],
        year=data["year"],
    )
    count = ngettext("%(count)d laureate found", "%(count)d laureates found", len(found))
    return {
        "page": _page(request, found, LAUREATES_PER_PAGE),
        "found": count % {"count": len(found)},
    }


def _page(request, items: list, per_page: int):
    """The asked page. A page "number" that is not one shows the first; a page past the
    end is not found, as a removed page would be."""
    number = request.GET.get("page", "")
    if not (number.isascii() and number.isdigit()):
        number = "1"
    if len(number) > 6:  # no archive is that long; int() of 5,000 digits would raise
        raise Http404("No such page")
    try:
        return Paginator(items, per_page).page(int(number))
    except EmptyPage:
        raise Http404("No such page") from None


def _archive_meta(page, filtering: bool) -> PageMeta:
    path = reverse("results:archive")
    if page is not None and page.number > 1 and not filtering:
        path += f"?page={page.number}"
    # Search results are not pages of their own: followed, not indexed.
    return PageMeta(
        canonical=absolute(path),
        title=gettext("Editions of the prize"),
        description=gettext(
            "Every edition of the Dosta!-Congress Prize since 2007 and its laureates, "
            "searchable by words, country and year."
        ),
        noindex=filtering,
    )


# --- An edition and a laureate -----------------------------------------------------------


@cached_public_page
def edition(request, number: int):
    edition = prize_selectors.public_edition(number)
    groups = selectors.laureates_by_edition([edition]).get(edition.pk, [])
    meta = PageMeta(
        canonical=absolute(edition.get_absolute_url()),
        title=edition.display_name,
        description=selectors.laureates_text(groups) or _edition_description(edition),
    )
    context = {"edition": edition, "groups": groups, "meta": meta}
    if edition.results_public:
        context["shortlisted"] = selectors.shortlisted(edition)
    return render(request, "results/edition.html", context)


def _edition_description(edition) -> str:
    """An edition without laureates on show: its call while open, else where it stands."""
    if edition.state == EditionState.OPEN and edition.call_text:
        return richtext.to_plain(edition.call_text.text, limit=250)
    return gettext("%(name)s: the award criteria; the results are not published yet.") % {
        "name": edition.display_name
    }


@cached_public_page
def laureate(request, number: int, ref: str):
    result, shared = selectors.laureate(number, ref)
    entry = result.entry
    heading = laureate_heading(
        place=result.place,
        number=entry.edition.number,
        authority=entry.authority.display_name,
        country=entry.authority.country_label,
    )
    photos = selectors.public_photos(entry)
    canonical = absolute(reverse("results:laureate", kwargs={"number": number, "ref": ref}))
    context = {
        "result": result,
        "entry": entry,
        "edition": entry.edition,
        "shared": shared,
        "heading": heading,
        "place_label": place_label(result.place, result.ex_aequo),
        "photos": photos,
        "partners": _partners(entry.partners),
        "meta": _laureate_meta(entry, heading, canonical, photos),
        "structured_data": _structured_data(result, canonical),
    }
    return render(request, "results/laureate.html", context)


def _partners(partners) -> list[dict]:
    """The partners as entered; anything without a name (older or imported data) is
    left out rather than shown as an empty line."""
    return [
        {"name": str(p["name"]).strip(), "roma": bool(p.get("roma"))}
        for p in partners or []
        if isinstance(p, dict) and str(p.get("name") or "").strip()
    ]


def _laureate_meta(entry, heading: str, canonical: str, photos) -> PageMeta:
    first = photos[0].photo if photos else None
    return PageMeta(
        canonical=canonical,
        title=heading,
        description=plain(entry.summary) or plain(entry.title),
        kind="article",
        image=absolute(first.get_absolute_url("large")) if first else "",
        image_alt=plain(first.alt) if first else "",
    )


def _structured_data(result, canonical: str) -> dict:
    """schema.org: the award belongs to the authority (a GovernmentOrganization); the
    project (a Project, which schema.org counts as an organisation) is run by it, and
    is left out when nothing is known of it (the first editions)."""
    graph = [_authority_node(result, canonical)]
    if pick(result.entry.title):
        graph.append(_project_node(result.entry, canonical))
    return {"@context": "https://schema.org", "@graph": graph}


def _authority_node(result, canonical: str) -> dict:
    authority = result.entry.authority
    node = {
        "@type": "GovernmentOrganization",
        "@id": f"{canonical}#authority",
        "name": authority.display_name,
        "address": {"@type": "PostalAddress", "addressCountry": authority.country},
        "award": gettext("%(place)s – %(edition)s")
        % {
            "place": place_label(result.place, result.ex_aequo),
            "edition": result.entry.edition.display_name,
        },
    }
    if authority.name_local:
        node["alternateName"] = authority.name_local
    return node


def _project_node(entry, canonical: str) -> dict:
    node = {
        "@type": "Project",
        "@id": f"{canonical}#project",
        "name": plain(entry.title),
        "url": canonical,
        "parentOrganization": {"@id": f"{canonical}#authority"},
        "areaServed": {"@type": "AdministrativeArea", "name": entry.authority.display_name},
    }
    if pick(entry.summary):
        node["description"] = plain(entry.summary)
    return node


# --- For crawlers ------------------------------------------------------------------------

# Pages behind a log-in: nothing there for a search engine.
PRIVATE_PREFIXES = (
    "accounts/",
    "admin/",
    "authorities/",
    "entries/",
    "join/",
    "jury/",
    "secretariat/",
    "take-part/",
)


def robots_txt(request):
    lines = ["User-agent: *"]
    lines += [
        f"Disallow: /{code}/{prefix}"
        for code, _name in settings.LANGUAGES
        for prefix in PRIVATE_PREFIXES
    ]
    lines.append(f"Sitemap: {absolute(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
