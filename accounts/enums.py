from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The roles a person can hold; a person may hold several (a juror of one edition
    can be an authority's member in another)."""

    SECRETARIAT = "secretariat", _("Secretariat")
    AUTHORITY_MEMBER = "authority_member", _("Authority member")
    JUROR = "juror", _("Juror")
    JURY_CHAIR = "jury_chair", _("Jury chair")
