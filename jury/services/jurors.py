"""Writes about the jury's seats: adding and inviting jurors, their references, the
jury's terms, and the chair's reminders. Scores are in scoring.py, conflicts and the
assignments that follow them in conflicts.py, the decision in decisions.py."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.addresses import normalise_email
from accounts.mail import mail_send
from accounts.rules import is_secretariat
from accounts.services import user_invite
from prize.enums import EDITION_JURY_STATES, EditionState
from prize.models import Edition
from web.links import absolute
from web.transliteration import ascii_slug

from ..enums import (
    AssignmentState,
    JurorRole,
)
from ..models import (
    Juror,
)
from ..selectors import is_chair
from ..tasks import juror_invitation_mail
from .conflicts import assignments_fill, conflicts_flag

User = get_user_model()


def juror_add(
    *,
    edition: Edition,
    ref: str,
    name: str,
    email: str = "",
    country: str = "",
    role: str = JurorRole.MEMBER,
    user=None,
    organisation: str = "",
) -> Juror:
    """Seat a person on an edition's jury. Side effects: one juror row. Once judging has
    begun, their likely conflicts are flagged at once, and while the jury scores they get
    their entries at once (as everyone did when judging started)."""
    if Juror.objects.filter(edition=edition, ref=ref).exists():
        raise ValidationError({"ref": _("This jury already has a juror “%(ref)s”.") % {"ref": ref}})
    juror = Juror(
        edition=edition,
        ref=ref,
        name=name,
        email=normalise_email(email),
        country=country,
        role=role,
        user=user,
        organisation=organisation,
    )
    juror.full_clean()
    with transaction.atomic():
        juror.save()
        if edition.state in EDITION_JURY_STATES:
            conflicts_flag(edition=edition, juror=juror)
        if edition.state == EditionState.JUDGING:
            assignments_fill(edition)
    return juror


def juror_ref(edition: Edition, name: str) -> str:
    base = ascii_slug(name, default="juror", max_length=50)
    ref, n = base, 1
    while Juror.objects.filter(edition=edition, ref=ref).exists():
        n += 1
        ref = f"{base}-{n}"
    return ref


def juror_accept_terms(*, juror_id: int, by) -> Juror:
    """The juror accepts confidentiality and impartiality, once, before seeing any entry.
    Side effects: terms_accepted_at."""
    with transaction.atomic():
        juror = Juror.objects.select_for_update().get(pk=juror_id)
        if juror.user_id != getattr(by, "pk", None):
            raise PermissionDenied(_("Only the juror can accept the jury's terms."))
        if juror.terms_accepted_at is None:
            juror.terms_accepted_at = timezone.now()
            juror.save(update_fields=["terms_accepted_at"])
    return juror


# Invitations --------------------------------------------------------------------------


def juror_invite(
    *,
    edition_id: int,
    by,
    name: str,
    email: str,
    country: str = "",
    organisation: str = "",
    role: str = JurorRole.MEMBER,
    language: str = "en",
) -> Juror:
    """Seat a person on an edition's jury and e-mail them, in their language, the link
    to their jury page (with a link to choose a password if they are new here).

    Side effects: possibly one account, one juror row and one queued e-mail (sent by the
    task worker: jury.tasks.juror_invitation_mail), all or nothing."""
    if not is_secretariat(by):
        raise PermissionDenied(_("Only the secretariat invites jurors."))
    edition = Edition.objects.get(pk=edition_id)
    email = normalise_email(email)
    if Juror.objects.filter(edition=edition, email=email).exists():
        raise ValidationError({"email": _("%(email)s is already on this jury.") % {"email": email}})
    with transaction.atomic():
        user = User.objects.filter(email=email).first()
        new = user is None
        if new:
            user = user_invite(by=by, email=email, name=name, language=language, send=False)
        juror = juror_add(
            edition=edition,
            ref=juror_ref(edition, name),
            name=name,
            email=email,
            country=country,
            role=role,
            user=user,
            organisation=organisation,
        )
        juror.invited_at = timezone.now()
        juror.save(update_fields=["invited_at"])
        juror_invitation_mail.enqueue(juror_id=juror.pk, new=new)
    return juror


# Reminders and the decision -----------------------------------------------------------


def reminders_send(*, edition_id: int, by) -> int:
    """E-mail every juror who still has unsubmitted entries of the current round, in
    their language. Side effects: one e-mail per late juror; returns how many were sent."""
    if not is_chair(edition_id=edition_id, user=by):
        raise PermissionDenied(_("Only the chair of the jury sends reminders."))
    late = (
        Juror.objects.filter(
            edition_id=edition_id,
            assignments__state=AssignmentState.DRAFT,
            assignments__round=F("edition__jury_round"),
        )
        .select_related("user", "edition")
        .distinct()
    )
    sent = 0
    for juror in late:
        if juror.user is None:
            continue
        drafts = (
            juror.assignments.filter(state=AssignmentState.DRAFT, round=juror.edition.jury_round)
            .select_related("entry__authority")
            .order_by("entry__authority__name", "entry__ref")
        )
        with translation.override(juror.user.language):
            page = absolute(reverse("jury:home", kwargs={"number": juror.edition.number}))
            # Named as the juror knows them: the project's title in their language.
            waiting = [(d.entry.display_title, d.entry.authority.display_name) for d in drafts]
        mail_send(
            to=juror.user.email,
            language=juror.user.language,
            subject=gettext_noop("A reminder from the jury of the Dosta!-Congress Prize"),
            template="emails/juror_reminder.txt",
            context={"juror": juror, "left": len(waiting), "waiting": waiting, "page": page},
        )
        sent += 1
    return sent
