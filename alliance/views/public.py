"""The public Alliance pages: the participants (filterable) and each one's profile."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext, ngettext

from web.links import absolute
from web.pages import PageMeta

from .. import selectors
from ..enums import PROFILE_PARTS
from ..forms import ParticipantFilterForm


def participants(request):
    """GET filters; an unknown country or kind is simply not applied (and said so by the
    form), since a filter link can be old."""
    unfiltered = selectors.participants()
    form = ParticipantFilterForm(
        request.GET or None, countries=unfiltered.countries, kinds=unfiltered.kinds
    )
    found = unfiltered
    if form.is_bound and form.is_valid():
        found = selectors.participants(
            country=form.cleaned_data["country"], kind=form.cleaned_data["kind"]
        )
    filtering = found is not unfiltered
    shown = ngettext(
        "%(count)d participant shown", "%(count)d participants shown", len(found.rows)
    ) % {"count": len(found.rows)}
    meta = PageMeta(
        canonical=absolute(reverse("alliance:list")),
        title=gettext("The Alliance of Cities and Regions for Roma Inclusion"),
        description=gettext(
            "The cities and regions of the European Alliance for Roma Inclusion, by country "
            "and kind of authority."
        ),
        noindex=filtering,
    )
    return render(
        request,
        "alliance/list.html",
        {"form": form, "rows": found.rows, "shown": shown, "meta": meta},
        status=400 if form.errors else 200,
    )


def profile(request, slug: str):
    participation = selectors.public_participation(slug=slug)
    authority = participation.authority
    profile = selectors.profile_of(authority)
    results = [
        (result, selectors.is_laureate(result))
        for result in selectors.published_results(authority=authority)
    ]
    parts = [
        (label, getattr(profile, code))
        for code, label in PROFILE_PARTS
        if profile and getattr(profile, code)
    ]
    meta = PageMeta(
        canonical=absolute(participation.get_absolute_url()),
        title=authority.display_name,
        description=gettext(
            "%(name)s takes part in the Alliance of Cities and Regions for Roma Inclusion."
        )
        % {"name": authority.display_name},
    )
    return render(
        request,
        "alliance/profile.html",
        {
            "participation": participation,
            "authority": authority,
            "profile": profile,
            "parts": parts,
            "results": results,
            "meta": meta,
        },
    )
