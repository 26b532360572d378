from django.db import models
from django.utils.translation import gettext_lazy as _


class AuthorityKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    REGION = "region", _("Region")
    OTHER_LOCAL = "other_local", _("Other local authority")


class EntryState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    INFO_REQUESTED = "info_requested", _("Information requested")
    ELIGIBLE = "eligible", _("Eligible")
    INELIGIBLE = "ineligible", _("Ineligible")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    AWARDED = "awarded", _("Awarded")
    NOT_AWARDED = "not_awarded", _("Not awarded")


# Entries that go to the jury and are ranked.
JURY_STATES = (EntryState.ELIGIBLE, EntryState.AWARDED, EntryState.NOT_AWARDED)
# Entries the secretariat still has to screen.
SCREENING_STATES = (EntryState.SUBMITTED, EntryState.INFO_REQUESTED)
