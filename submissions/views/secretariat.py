"""The secretariat's screening: every entry of an edition, the checklist, the three
outcomes, bulk actions (through the same service, one entry at a time), and the
verification of authorities."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.decorators import secretariat_only
from prize.countries import KNOWN as KNOWN_COUNTRIES
from prize.countries import country_name
from prize.models import Edition
from web.errors import add_errors, error_text

from .. import selectors, services
from ..enums import CHECKLIST, EntryState
from ..forms import BulkScreeningForm, ScreeningForm
from ..models import Authority, Entry

SCREENING_ACTIONS = ("mark_eligible", "mark_ineligible", "request_info", "reconsider")


@secretariat_only
def screening(request, number: int):
    edition = get_object_or_404(Edition, number=number)
    state = request.GET.get("state", "")
    country = request.GET.get("country", "")
    country = country if country in KNOWN_COUNTRIES else ""  # a filter, not free text
    rows, counts, countries = selectors.screening_list(
        edition=edition, state=state if state in EntryState.values else "", country=country
    )
    rows = list(rows)
    form = BulkScreeningForm(request.POST or None, refs=[e.ref for e in rows])
    report = []
    if request.method == "POST" and form.is_valid():
        report = _bulk(request, form)
        rows, counts, countries = selectors.screening_list(
            edition=edition, state=state if state in EntryState.values else "", country=country
        )
        rows = list(rows)
    return render(
        request,
        "submissions/secretariat/screening.html",
        {
            "edition": edition,
            "rows": rows,
            "states": [
                (s, label, counts.get(s, 0)) for s, label in EntryState.choices if s != "draft"
            ],
            "countries": sorted(
                ((c, country_name(c), n) for c, n in countries.items()), key=lambda t: t[1]
            ),
            "state": state,
            "country": country,
            "total": sum(counts.values()),
            "drafts": selectors.drafts_count(edition=edition),
            "form": form,
            "report": report,
        },
        status=400 if form.errors else 200,
    )


def _bulk(request, form) -> list[tuple[Entry, bool, str]]:
    """Each selected entry through the service; (entry, done, why not) per entry, so the
    report names each entry and says why one was not done."""
    data = form.cleaned_data
    checklist = {code: bool(data["confirm_checklist"]) for code, _label in CHECKLIST}
    report = []
    for ref in data["entries"]:
        entry = Entry.objects.select_related("authority").get(ref=ref)
        try:
            services.entry_transition(
                entry_id=entry.pk,
                action=data["action"],
                by=request.user,
                note=data["note"],
                checklist=checklist if data["action"] == "mark_eligible" else None,
                reply_by=data["reply_by"],
            )
        except (ValidationError, PermissionDenied) as error:
            report.append((entry, False, error_text(error)))
        else:
            report.append((entry, True, ""))
    done = sum(1 for _entry, ok, _why in report if ok)
    messages.info(
        request,
        ngettext(
            "%(done)d of %(n)d selected entry done.",
            "%(done)d of %(n)d selected entries done.",
            len(report),
        )
        % {"done": done, "n": len(report)},
    )
    return report


@secretariat_only
def screen_entry(request, ref: str):
    try:
        entry = selectors.entry_for(ref=ref)
    except Entry.DoesNotExist:
        raise Http404 from None
    form = ScreeningForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        action = request.POST.get("action", "")
        if action not in SCREENING_ACTIONS:
            form.add_error(None, _("Choose one of the buttons."))
        else:
            try:
                services.entry_transition(
                    entry_id=entry.pk,
                    action=action,
                    by=request.user,
                    note=form.cleaned_data["note"],
                    internal_note=form.cleaned_data["internal_note"],
                    checklist=form.checklist(),
                    reply_by=form.cleaned_data["reply_by"],
                )
            except (ValidationError, PermissionDenied) as error:
                add_errors(form, error)
            else:
                entry.refresh_from_db()
                messages.success(
                    request,
                    _("“%(title)s” is now “%(state)s”.")
                    % {"title": entry.display_title, "state": entry.get_state_display()},
                )
                return redirect("submissions:screen_entry", ref=entry.ref)
    return render(
        request,
        "submissions/secretariat/entry.html",
        {
            "entry": entry,
            "form": form,
            "timeline": selectors.timeline(entry=entry, internal=True),
            "actions": [
                t
                for t in entry.get_available_user_state_transitions(request.user)
                if t.name in SCREENING_ACTIONS
            ],
        },
        status=400 if form.errors else 200,
    )


@secretariat_only
def authorities(request):
    return render(
        request,
        "submissions/secretariat/authorities.html",
        {
            "authorities": Authority.objects.prefetch_related("members").order_by(
                "verified_at", "name"
            )
        },
    )


@secretariat_only
@require_POST
def authority_verify(request, pk: int):
    try:
        authority = services.authority_verify(authority_id=pk, by=request.user)
    except Authority.DoesNotExist:
        raise Http404 from None
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("%(name)s is verified.") % {"name": authority.display_name})
    return redirect("submissions:secretariat_authorities")
