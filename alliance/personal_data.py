"""What the Alliance holds about a person (accounts.personal_data): the requests of their
authorities to join, with their letters and contact people, their profiles, and the steps
the person took in any request's history (kept: the record of the Alliance)."""

from django.utils.translation import gettext as _

from accounts.personal_data import Holder, holder_register

from .models import Participation, ParticipationTransition, Profile


def _participation(participation: Participation, user) -> dict:
    return {
        "authority": participation.authority.name,
        "state": participation.state,
        "commitment": participation.commitment,
        "activities": participation.activities,
        "dialogue": participation.dialogue,
        "letter": participation.letter_name,
        "contact_name": participation.contact_name,
        "contact_email": participation.contact_email,
        "languages": participation.languages,
        "requested_at": participation.requested_at,
        "accepted_on": participation.accepted_on,
        "ended_on": participation.ended_on,
        "charter_signed_on": participation.charter_signed_on,
        "reason": participation.reason,
        "history": [step.exported(user) for step in participation.transitions.all()],
    }


def export(user) -> dict:
    mine = Participation.objects.filter(authority__members=user)
    return {
        "requests_of_your_authorities": [
            _participation(participation, user)
            for participation in mine.select_related("authority").prefetch_related("transitions")
        ],
        "profiles_last_saved_by_you": [
            {"authority": profile.authority.name, "updated_at": profile.updated_at}
            for profile in Profile.objects.filter(updated_by=user).select_related("authority")
        ],
        "steps_you_took": [
            {
                "authority": step.participation.authority.name,
                "at": step.at,
                "action": step.action,
                "note": step.note,
            }
            for step in ParticipationTransition.objects.filter(by=user).select_related(
                "participation__authority"
            )
        ],
    }


def keeps(user) -> list[str]:
    if ParticipationTransition.objects.filter(by=user).exists():
        return [_("You took a step in the history of a request to join the Alliance.")]
    return []


def register() -> None:
    holder_register(Holder(name="alliance", export=export, keeps=keeps))
