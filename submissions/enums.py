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


class PhotoPeople(models.TextChoices):
    """What the authority says of the people in a photo. Either answer lets the photo be
    published (rules.photo_people_cleared); the empty one, of photos from before the
    question or imported (the interchange format does not say), does not."""

    NOT_SAID = "", _("not said")
    NONE = "none", _("No identifiable people in this photo")
    CONSENTED = "consented", _("The people shown have consented")


class EntryLanguage(models.TextChoices):
    EN = "en", _("English")
    FR = "fr", _("French")


# Entries that go to the jury and are ranked.
RANKED_ENTRY_STATES = (EntryState.ELIGIBLE, EntryState.AWARDED, EntryState.NOT_AWARDED)
# Entries the secretariat still has to screen.
SCREENING_STATES = (EntryState.SUBMITTED, EntryState.INFO_REQUESTED)
# Entries the authority may still change.
EDITABLE_STATES = (EntryState.DRAFT, EntryState.INFO_REQUESTED)
# Entries the authority may withdraw (while the edition is open or being screened).
WITHDRAWABLE_STATES = (
    EntryState.DRAFT,
    EntryState.SUBMITTED,
    EntryState.INFO_REQUESTED,
    EntryState.ELIGIBLE,
)

# The secretariat's eligibility checklist, in the order it is shown.
CHECKLIST = (
    ("member_state", _("The authority is in a Council of Europe member state.")),
    ("local_authority", _("It is a local or regional authority.")),
    ("period", _("The project ran within the edition's project period.")),
    ("targets_roma", _("The project targets Roma and/or Travellers.")),
    ("complete", _("The application is complete.")),
)
