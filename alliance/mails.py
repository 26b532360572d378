"""The e-mails that go with the secretariat's decisions: to every member of the
authority, each in their own language, with the reason given."""

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_noop

from accounts.mail import mail_send
from web.links import absolute

from .selectors import transition_with_participation

MAILS = {
    "accept": (
        "emails/alliance_accepted.txt",
        gettext_noop("Welcome to the Alliance of Cities and Regions for Roma Inclusion"),
    ),
    "request_info": (
        "emails/alliance_info_requested.txt",
        gettext_noop("The secretariat needs more information about your Alliance request"),
    ),
    "decline": (
        "emails/alliance_declined.txt",
        gettext_noop("Your request to join the Alliance was declined"),
    ),
    "end": (
        "emails/alliance_ended.txt",
        gettext_noop("Your participation in the Alliance has ended"),
    ),
}


def participation_mail(*, transition_id: int) -> int:
    """E-mail the authority's members about one step; returns how many were sent."""
    log = transition_with_participation(transition_id)
    if log.action not in MAILS:
        return 0
    template, subject = MAILS[log.action]
    participation = log.participation
    authority = participation.authority
    people = list(authority.members.order_by("pk"))
    for person in people:
        with translation.override(person.language):
            path = (
                participation.get_absolute_url()
                if log.action == "accept"
                else reverse("alliance:mine", kwargs={"pk": authority.pk})
            )
        mail_send(
            to=person.email,
            language=person.language,
            subject=subject,
            template=template,
            context={
                "participation": participation,
                "authority": authority,
                "log": log,
                "person": person,
                "link": absolute(path),
            },
        )
    return len(people)
