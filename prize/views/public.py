"""The public site: home, archive, an edition's results, a laureate."""

from django.shortcuts import render

from prize import selectors
from prize.texts import laureate_heading, place_label


def home(request):
    edition, groups = selectors.latest_laureates()
    return render(
        request,
        "prize/home.html",
        {
            "call": selectors.open_call(),
            "latest": edition,
            "latest_groups": groups,
        },
    )


def archive(request):
    return render(request, "prize/archive.html", {"editions": selectors.archive()})


def edition(request, number: int):
    edition = selectors.public_edition(number)
    groups = selectors.laureates_by_edition([edition]).get(edition.pk, [])
    return render(request, "prize/edition.html", {"edition": edition, "groups": groups})


def laureate(request, number: int, ref: str):
    result, shared = selectors.laureate(number, ref)
    entry = result.entry
    heading = laureate_heading(
        place=result.place,
        number=entry.edition.number,
        authority=entry.authority.name,
        country=entry.authority.country_label,
    )
    return render(
        request,
        "prize/laureate.html",
        {
            "result": result,
            "entry": entry,
            "edition": entry.edition,
            "shared": shared,
            "heading": heading,
            "place_label": place_label(result.place, result.ex_aequo),
        },
    )
