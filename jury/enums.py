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
