"""The pages that ask before an irreversible step of an edition, and the preview of the
public edition page before its results are published."""

from dataclasses import replace

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from accounts.decorators import secretariat_only
from accounts.rules import is_secretariat
from prize import rules
from prize.enums import EditionState
from prize.models import Edition
from results import confirm_selectors as selectors
from results import selectors as public_selectors
from results import services


@secretariat_only
def edition_confirm(request, number: int, action: str):
    edition = get_object_or_404(Edition, number=number)
    available = {a["name"]: a for a in services.edition_actions(edition=edition, by=request.user)}
    if action not in selectors.CONFIRM_ACTIONS or action not in available:
        raise Http404
    # Uneven score sheets are a warning to confirm here, not a reason to refuse.
    facts = replace(services.edition_facts(edition=edition), uneven_confirmed=True)
    step = selectors.edition_step(edition=edition, action=action)
    context = {
        "edition": edition,
        "action": available[action],
        "step": step,
        "problems": rules.edition_action_problems(edition, action, facts=facts, now=timezone.now()),
        "uneven": action == "start_deliberation" and bool(facts.uneven_entries),
        "form_action": reverse("results:secretariat_edition_transition", args=[number]),
        "cancel_url": reverse("results:secretariat_edition", args=[number]),
        "button": available[action]["label"],
    }
    return render(request, "results/secretariat/edition_confirm.html", context)


@never_cache
def edition_preview(request, number: int):
    """The public edition page as it will look once published. Only the secretariat may
    see it (404 for anyone else, who learns nothing); never cached; publishes nothing."""
    if not is_secretariat(request.user):
        raise Http404
    edition = get_object_or_404(Edition, number=number, state=EditionState.DELIBERATION)
    preview = selectors.publication_preview(edition=edition)
    return render(
        request,
        "results/edition.html",
        {
            "edition": edition,
            "groups": preview.groups,
            "preview": preview,
            "shortlisted": public_selectors.shortlisted(edition),
        },
    )
