"""An authority's participation in the Alliance of Cities and Regions for Roma
Inclusion (a request the secretariat decides, every step logged) and the profile its
members write for the public page."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from prize.models import TransitionLog
from submissions.enums import EntryLanguage
from submissions.models import Authority

from . import rules
from .enums import CLOSED_STATES, ParticipationState

S = ParticipationState


def letter_path(participation: "Participation", filename: str) -> str:
    # A random name: nothing about the authority or the original file can be guessed.
    return f"private/alliance/{uuid.uuid4().hex}.pdf"


class ParticipationQuerySet(models.QuerySet):
    def accepted(self):
        return self.filter(state=S.ACCEPTED)


class Participation(ConcurrentTransitionMixin, models.Model):
    """One per authority. After a decline or an end the same row is asked again, so the
    public address and the whole history stay together."""

    authority = models.OneToOneField(
        Authority, on_delete=models.PROTECT, related_name="participation"
    )
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    state = FSMField(_("state"), default=S.REQUESTED, choices=S, protected=True)
    commitment = models.TextField(_("political commitment to Roma inclusion"))
    activities = models.TextField(_("activities for Roma inclusion"))
    dialogue = models.TextField(_("dialogue and cooperation with local Roma communities"))
    # Required of every request (participation_request); a participant that joined
    # before this site may have none on file (participation_register).
    letter = models.FileField(
        _("commitment letter"), upload_to=letter_path, max_length=300, blank=True
    )
    letter_name = models.CharField(_("file name of the letter"), max_length=120, blank=True)
    contact_name = models.CharField(_("Alliance contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact person's e-mail"), blank=True)
    languages = models.CharField(_("working languages"), max_length=200, blank=True)
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    accepted_on = models.DateField(_("participant since"), null=True, blank=True)
    ended_on = models.DateField(_("ended"), null=True, blank=True)
    charter_signed_on = models.DateField(_("charter signed"), null=True, blank=True)
    reason = models.TextField(_("last reason given"), blank=True)

    objects = ParticipationQuerySet.as_manager()

    class Meta:
        verbose_name = _("Alliance participation")
        verbose_name_plural = _("Alliance participations")
        ordering = ["authority__name"]

    def __str__(self) -> str:
        return f"{self.authority.name}: {self.state}"

    def get_absolute_url(self) -> str:
        return reverse("alliance:profile", kwargs={"slug": self.slug})

    @property
    def is_closed(self) -> bool:
        return self.state in CLOSED_STATES

    # The lifecycle. Transitions set what belongs to the state, nothing else; the
    # service `participation_transition` checks the conditions, saves and logs the step.
    @transition(
        field=state,
        source=S.REQUESTED,
        target=S.ACCEPTED,
        permission=rules.can_review,
        custom={"label": _("Accept")},
    )
    def accept(self, *, at=None, **kwargs):
        self.accepted_on = timezone.localdate(at or timezone.now())
        self.ended_on = None
        self.reason = ""

    @transition(
        field=state,
        source=S.REQUESTED,
        target=S.INFO_REQUESTED,
        permission=rules.can_review,
        custom={"label": _("Ask for more information")},
    )
    def request_info(self, *, note="", **kwargs):
        self.reason = note

    @transition(
        field=state,
        source=[S.REQUESTED, S.INFO_REQUESTED],
        target=S.DECLINED,
        permission=rules.can_review,
        custom={"label": _("Decline")},
    )
    def decline(self, *, note="", **kwargs):
        self.reason = note

    @transition(
        field=state,
        source=S.ACCEPTED,
        target=S.ENDED,
        permission=rules.can_review,
        custom={"label": _("End the participation")},
    )
    def end(self, *, note="", at=None, **kwargs):
        self.reason = note
        self.ended_on = timezone.localdate(at or timezone.now())

    @transition(
        field=state,
        source=S.INFO_REQUESTED,
        target=S.REQUESTED,
        permission=rules.is_member,
        custom={"label": _("Send the answers again")},
    )
    def resubmit(self, *, at=None, **kwargs):
        self.requested_at = at or timezone.now()

    @transition(
        field=state,
        source=list(CLOSED_STATES),
        target=S.REQUESTED,
        permission=rules.is_member,
        custom={"label": _("Ask to join again")},
    )
    def request_again(self, *, at=None, **kwargs):
        self.requested_at = at or timezone.now()
        self.accepted_on = None
        self.reason = ""

    for _method in (accept, request_info, decline, end, resubmit, request_again):
        _method.alters_data = True
    del _method


class ParticipationTransition(TransitionLog):
    """One step of a participation's history: who, when, from, to, and the reason."""

    STATES = S

    participation = models.ForeignKey(
        Participation, on_delete=models.CASCADE, related_name="transitions"
    )

    class Meta:
        verbose_name = _("Alliance step")
        verbose_name_plural = _("Alliance steps")
        ordering = ["participation", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.participation.slug}: {self.source or '—'} → {self.target}"


class Profile(models.Model):
    """What an authority tells the public about itself. Every part is optional; it is
    shown only while the authority takes part in the Alliance."""

    authority = models.OneToOneField(Authority, on_delete=models.CASCADE, related_name="profile")
    language = models.CharField(
        _("language of the profile"), max_length=2, choices=EntryLanguage, default="en"
    )
    political = models.TextField(_("political profile"), blank=True)
    geographic = models.TextField(_("geographic profile"), blank=True)
    demographic = models.TextField(_("demographic profile"), blank=True)
    economic = models.TextField(_("economic profile"), blank=True)
    projects = models.TextField(_("Roma-inclusion projects and policies"), blank=True)
    updated_at = models.DateTimeField(_("last saved"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("last saved by"),
    )

    class Meta:
        verbose_name = _("Alliance profile")
        verbose_name_plural = _("Alliance profiles")

    def __str__(self) -> str:
        return self.authority.name
