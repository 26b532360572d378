"""Every write about the jury goes through here (extended by the jury issue)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from prize.models import Edition

from .enums import JurorRole
from .models import Juror


def juror_add(
    *,
    edition: Edition,
    ref: str,
    name: str,
    email: str = "",
    country: str = "",
    role: str = JurorRole.MEMBER,
    user=None,
) -> Juror:
    """Seat a person on an edition's jury. Side effects: one juror row."""
    if Juror.objects.filter(edition=edition, ref=ref).exists():
        raise ValidationError({"ref": _("This jury already has a juror “%(ref)s”.") % {"ref": ref}})
    juror = Juror(
        edition=edition, ref=ref, name=name, email=email, country=country, role=role, user=user
    )
    juror.full_clean()
    with transaction.atomic():
        juror.save()
    return juror
