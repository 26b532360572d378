"""An authority's own Alliance pages: its request to join, its status, its profile, and
its commitment letter."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from submissions.models import Authority
from web.errors import add_errors
from web.files import PDF, serve

from .. import rules, selectors, services
from ..enums import ParticipationState
from ..forms import ProfileForm, RequestForm
from ..models import Participation, Profile

S = ParticipationState


def _own_authority(request, pk: int) -> Authority:
    """Another authority's pages are a 404, not a 403: their existence is nobody's
    business."""
    if not rules.can_manage(pk, request.user):
        raise Http404
    return get_object_or_404(Authority, pk=pk)


@login_required
def mine(request, pk: int):
    """The authority's Alliance page: its status, and the request form when it may ask
    (first time, after a decline or an end) or must answer (more information asked)."""
    authority = _own_authority(request, pk)
    participation = selectors.participation_of(authority=authority)
    may_ask = not rules.request_problems(participation)
    answering = participation is not None and participation.state == S.INFO_REQUESTED
    form = None
    if may_ask:
        initial = _initial(participation) if answering else {}
        form = RequestForm(
            request.POST or None,
            request.FILES or None,
            initial=initial,
            letter_required=not answering,
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.participation_request(
                    authority_id=authority.pk,
                    by=request.user,
                    letter=form.cleaned_data["letter"],
                    **{k: v for k, v in form.cleaned_data.items() if k != "letter"},
                )
            except (ValidationError, PermissionDenied) as error:
                add_errors(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "Your request to join the Alliance is sent. "
                        "The secretariat will reply by e-mail."
                    ),
                )
                return redirect("alliance:mine", pk=authority.pk)
    elif request.method == "POST":
        messages.error(request, " ".join(rules.request_problems(participation)))
        return redirect("alliance:mine", pk=authority.pk)
    return render(
        request,
        "alliance/mine.html",
        {
            "authority": authority,
            "participation": participation,
            "form": form,
            "answering": answering,
            "history": selectors.history(participation=participation) if participation else [],
        },
        status=400 if form is not None and form.errors else 200,
    )


def _initial(participation: Participation) -> dict:
    return {
        field: getattr(participation, field)
        for field in (*services.ANSWER_FIELDS, *services.OPTIONAL_FIELDS)
    }


@login_required
def profile_edit(request, pk: int):
    authority = _own_authority(request, pk)
    profile = Profile.objects.filter(authority=authority).first()
    initial = {f: getattr(profile, f) for f in services.PROFILE_FIELDS} if profile else {}
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_update(authority_id=authority.pk, by=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The profile is saved."))
            return redirect("alliance:mine", pk=authority.pk)
    return render(
        request,
        "alliance/profile_form.html",
        {
            "authority": authority,
            "form": form,
            "participation": selectors.participation_of(authority=authority),
        },
        status=400 if form.errors else 200,
    )


@login_required
def letter(request, pk: int):
    """The commitment letter: the authority's members and the secretariat only."""
    participation = Participation.objects.filter(authority_id=pk).first()
    if participation is None or not rules.can_view_letter(participation, request.user):
        raise Http404
    return serve(
        participation.letter,
        content_type=PDF,
        public=False,
        filename=participation.letter_name,
    )
