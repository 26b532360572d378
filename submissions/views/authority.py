"""An authority's own pages: registering it, its details, its people and its entries."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import throttle
from accounts.addresses import normalise_email
from accounts.rules import is_secretariat
from prize import selectors as prize_selectors
from web.errors import add_errors, error_text

from .. import selectors, services
from ..forms import AuthorityForm, EntryStartForm, InviteColleagueForm
from ..models import Authority, AuthorityInvitation
from ..rules import member_authority_ids


def _own_authority(request, pk: int) -> Authority:
    """Another authority's page is a 404, not a 403: its existence is nobody's business."""
    if pk not in member_authority_ids(request.user) and not is_secretariat(request.user):
        raise Http404
    return get_object_or_404(Authority, pk=pk)


@login_required
def start(request):
    """Where a person lands to take part: their authority, or how to get one."""
    authorities = list(selectors.authorities_of(user=request.user))
    if len(authorities) == 1:
        return redirect(authorities[0])
    invitations = AuthorityInvitation.objects.filter(
        email=normalise_email(request.user.email), accepted_at__isnull=True
    ).select_related("authority")
    return render(
        request,
        "submissions/start.html",
        {"authorities": authorities, "invitations": invitations},
    )


@login_required
def authority_new(request):
    form = AuthorityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            authority = services.authority_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s is registered. The secretariat will verify it.")
                % {"name": authority.display_name},
            )
            return redirect(authority)
    return render(
        request,
        "submissions/authority_form.html",
        {"form": form, "authority": None},
        status=400 if form.errors else 200,
    )


@login_required
def authority_detail(request, pk: int):
    return _authority_page(request, _own_authority(request, pk), InviteColleagueForm())


def _authority_page(request, authority: Authority, invite_form, status: int = 200):
    open_edition = prize_selectors.open_call()
    standing = open_edition and selectors.standing_entry(
        authority_id=authority.pk, edition_id=open_edition.pk
    )
    return render(
        request,
        "submissions/authority.html",
        {
            "authority": authority,
            "members": authority.members.order_by("name", "email"),
            "entries": selectors.entries_of(authorities=[authority]),
            "open_edition": open_edition,
            "standing_entry": standing,
            "invite_form": invite_form,
        },
        status=status,
    )


@login_required
def authority_edit(request, pk: int):
    authority = _own_authority(request, pk)
    locked = authority.is_verified and not is_secretariat(request.user)
    form = AuthorityForm(request.POST or None, instance=authority, locked=locked)
    if request.method == "POST" and form.is_valid():
        try:
            services.authority_update(authority_id=pk, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The authority's details are saved."))
            return redirect("submissions:authority", pk=pk)
    return render(
        request,
        "submissions/authority_form.html",
        {"form": form, "authority": authority},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def authority_invite(request, pk: int):
    authority = _own_authority(request, pk)
    form = InviteColleagueForm(request.POST)
    if form.is_valid():
        email = form.cleaned_data["email"]
        try:
            with transaction.atomic():
                throttle.count(request, action="invite", email=email)
                services.authority_invite(
                    authority_id=authority.pk,
                    by=request.user,
                    email=email,
                )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]}
            )
            return redirect(authority)
    return _authority_page(request, authority, form, status=throttle.status(form))


@login_required
def join(request, token: str):
    """The link in a colleague's invitation."""
    invitation = AuthorityInvitation.objects.filter(token=token).select_related("authority").first()
    if request.method == "POST":
        try:
            authority = services.invitation_accept(token=token, by=request.user)
        except ValidationError as error:
            return render(
                request,
                "submissions/join.html",
                {"invitation": invitation, "error": error},
                status=400,
            )
        messages.success(
            request, _("You are now a member of %(name)s.") % {"name": authority.display_name}
        )
        return redirect(authority)
    return render(request, "submissions/join.html", {"invitation": invitation})


@login_required
@require_POST
def entry_new(request, pk: int):
    authority = _own_authority(request, pk)
    form = EntryStartForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an edition."))
        return redirect(authority)
    try:
        entry = services.entry_create(
            by=request.user, authority_id=authority.pk, edition_id=form.cleaned_data["edition"]
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, error_text(error))
        return redirect(authority)
    messages.success(request, _("Your draft entry is ready. Save as often as you like."))
    return redirect("submissions:entry_edit", ref=entry.ref)
