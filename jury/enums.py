from django.db import models
from django.utils.translation import gettext_lazy as _


class JurorRole(models.TextChoices):
    MEMBER = "member", _("Member")
    CHAIR = "chair", _("Chair")


class AssignmentState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class DecisionSource(models.TextChoices):
    IMPORTED = "imported", _("Imported from an archive")
    JURY = "jury", _("Recorded by the jury chair")


class ConflictStatus(models.TextChoices):
    DECLARED = "declared", _("Declared by the juror")
    FLAGGED = "flagged", _("Flagged, awaiting the chair")
    CONFIRMED = "confirmed", _("Confirmed by the chair")
    WAIVED = "waived", _("Waived by the chair")


# A conflict keeps the juror away from the entry unless the chair waived it in writing.
BLOCKING_CONFLICTS = (ConflictStatus.DECLARED, ConflictStatus.FLAGGED, ConflictStatus.CONFIRMED)
