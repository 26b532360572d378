from django.db import models
from django.utils.translation import gettext_lazy as _


class CertificateKind(models.TextChoices):
    LAUREATE = "laureate", _("Laureate")
    PARTICIPATION = "participation", _("Participation")


class CertificateStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    SUPERSEDED = "superseded", _("Superseded")
    REVOKED = "revoked", _("Revoked")


class RunState(models.TextChoices):
    QUEUED = "queued", _("Waiting for the worker")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
