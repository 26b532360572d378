"""What the editions hold about a person (accounts.personal_data): the steps they took in
an edition's history, which the prize keeps as its record."""

from django.utils.translation import gettext as _

from accounts.personal_data import Holder, holder_register

from .models import EditionTransition


def export(user) -> dict:
    return {
        "edition_steps_you_took": [
            {"edition": step.edition.number, "at": step.at, "action": step.action}
            for step in EditionTransition.objects.filter(by=user).select_related("edition")
        ],
    }


def keeps(user) -> list[str]:
    if EditionTransition.objects.filter(by=user).exists():
        return [_("You took a step in the running of an edition.")]
    return []


def register() -> None:
    holder_register(Holder(name="editions", export=export, keeps=keeps))
