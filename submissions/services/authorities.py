"""Every write about authorities and their people."""

import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.addresses import normalise_email
from accounts.mail import mail_send
from accounts.rules import is_secretariat
from prize.countries import MEMBER_STATES, code_problem
from web.links import absolute

from ..models import Authority, AuthorityInvitation
from ..rules import member_authority_ids

AUTHORITY_FIELDS = (
    "name",
    "name_fr",
    "name_local",
    "kind",
    "country",
    "address",
    "website",
    "contact_name",
    "contact_email",
    "contact_phone",
)


def _country_error(country: str) -> str | None:
    problem = code_problem(country)
    if problem:
        return problem
    if country not in MEMBER_STATES:
        return _("Only authorities of Council of Europe member states can take part.")
    return None


def authority_create(*, by=None, name: str, kind: str, country: str, members=(), **fields):
    """Register an authority; the person registering it becomes its first member.

    Side effects: one authority, its memberships. Refuses a second registration of the
    same authority and says how to join the existing one instead.
    """
    if error := _country_error(country):
        raise ValidationError({"country": error})
    authority = Authority(name=name, kind=kind, country=country, created_by=by, **fields)
    authority.full_clean(validate_constraints=False)
    if problem := _registered_already(authority):
        raise ValidationError(problem)
    with transaction.atomic():
        authority.save()
        authority.members.add(*members, *([by] if by else []))
    return authority


def _registered_already(authority: Authority) -> str:
    """Why `authority` is already on the site, or "". It is the same authority when its
    name, in either language, is one of the names of an authority of the same country
    (any letter case). One with no member (a participant the secretariat imported, say)
    is claimed through the secretariat, whatever kind it was given; one with members
    through a colleague's invitation."""
    names = {n.strip() for n in (authority.name, authority.name_fr) if n.strip()}
    same_name = Q()
    for name in names:
        same_name |= Q(name__iexact=name) | Q(name_fr__iexact=name)
    matches = (
        Authority.objects.filter(same_name, country=authority.country)
        .annotate(people=Count("members"))
        .order_by("pk")
    )
    for match in matches:
        if match.people == 0:
            return _(
                "%(name)s is already on the site, and nobody manages it yet. Write to the "
                "secretariat at %(email)s from your authority's e-mail address: it will "
                "invite you to manage it."
            ) % {"name": match.display_name, "email": settings.SECRETARIAT_EMAIL}
        if match.kind == authority.kind:
            return _(
                "%(name)s is already registered. Ask a colleague who manages it to invite "
                "you, or write to the secretariat."
            ) % {"name": match.display_name}
    return ""


def _member_or_secretariat(authority: Authority, by) -> None:
    if authority.pk not in member_authority_ids(by) and not is_secretariat(by):
        raise PermissionDenied(_("Only the authority's members can do this."))


def authority_update(*, authority_id: int, by, **fields) -> Authority:
    """Change an authority's details. A verified authority's name, kind and country are
    what the secretariat checked, so only the secretariat changes them.

    Side effects: the authority row."""
    with transaction.atomic():
        authority = Authority.objects.select_for_update().get(pk=authority_id)
        _member_or_secretariat(authority, by)
        locked = {"name", "name_fr", "kind", "country"} if authority.is_verified else set()
        for field, value in fields.items():
            if field not in AUTHORITY_FIELDS:
                raise ValueError(field)
            if field in locked and value != getattr(authority, field) and not is_secretariat(by):
                raise ValidationError(
                    {field: _("The secretariat verified this; write to it to change it.")}
                )
            setattr(authority, field, value)
        if error := _country_error(authority.country):
            raise ValidationError({"country": error})
        authority.full_clean()
        authority.save()
    return authority


def authority_verify(*, authority_id: int, by) -> Authority:
    """The secretariat confirms, once, that this is a genuine local or regional
    authority. Side effects: verified_at/verified_by."""
    if not is_secretariat(by):
        raise PermissionDenied(_("Only the secretariat verifies authorities."))
    with transaction.atomic():
        authority = Authority.objects.select_for_update().get(pk=authority_id)
        if authority.is_verified:
            raise ValidationError(
                _("%(name)s is already verified.") % {"name": authority.display_name}
            )
        authority.verified_at = timezone.now()
        authority.verified_by = by
        authority.save(update_fields=["verified_at", "verified_by"])
    return authority


def authority_member_add(*, authority: Authority, user) -> Authority:
    """Make a person a member of an authority. Side effects: one membership row."""
    authority.members.add(user)
    if hasattr(user, "_authority_ids"):
        del user._authority_ids
    return authority


def authority_invite(*, authority_id: int, by, email: str):
    """Invite a colleague by e-mail. Side effects: one invitation row and one queued
    e-mail (sent by the task worker), in one transaction."""
    authority = Authority.objects.get(pk=authority_id)
    _member_or_secretariat(authority, by)
    email = normalise_email(email)
    if authority.members.filter(email=email).exists():
        raise ValidationError({"email": _("%(email)s is already a member.") % {"email": email}})
    invitation = AuthorityInvitation(
        authority=authority, email=email, invited_by=by, token=secrets.token_urlsafe(32)
    )
    with transaction.atomic():
        invitation.save()
        _invitation_mail(invitation, by=by)
    return invitation


def _invitation_mail(invitation, *, by) -> None:
    language = getattr(by, "language", "en")
    with translation.override(language):
        path = reverse("submissions:join", kwargs={"token": invitation.token})
    mail_send(
        to=invitation.email,
        language=language,
        subject=gettext_noop("Join your authority on the Dosta!-Congress Prize site"),
        template="emails/authority_invitation.txt",
        context={"invitation": invitation, "by": by, "link": absolute(path)},
    )


def invitation_accept(*, token: str, by) -> Authority:
    """Join the authority an invitation is for. The invitation is personal: it must be
    accepted with the address it was sent to. Side effects: membership, accepted_at."""
    with transaction.atomic():
        invitation = (
            AuthorityInvitation.objects.select_for_update()
            .select_related("authority")
            .filter(token=token)
            .first()
        )
        if invitation is None or invitation.accepted_at:
            raise ValidationError(
                _("This invitation link is not valid any more. Ask your colleague for a new one.")
            )
        if normalise_email(invitation.email) != normalise_email(by.email):
            raise ValidationError(
                _("This invitation was sent to %(email)s. Log in with that address to accept it.")
                % {"email": invitation.email}
            )
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = by
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        authority_member_add(authority=invitation.authority, user=by)
    return invitation.authority
