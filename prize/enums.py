from django.db import models
from django.utils.translation import gettext_lazy as _


class EditionState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open for entries")
    SCREENING = "screening", _("Eligibility screening")
    JUDGING = "judging", _("Jury scoring")
    DELIBERATION = "deliberation", _("Deliberation")
    PUBLISHED = "published", _("Results published")
    ARCHIVED = "archived", _("Archived")


# States in which the results are public.
PUBLIC_RESULT_STATES = (EditionState.PUBLISHED, EditionState.ARCHIVED)
# States in which an edition is visible on the public site at all.
PUBLIC_STATES = (
    EditionState.OPEN,
    EditionState.SCREENING,
    EditionState.JUDGING,
    EditionState.DELIBERATION,
    *PUBLIC_RESULT_STATES,
)
EDITION_JURY_STATES = (EditionState.JUDGING, EditionState.DELIBERATION)
# States before the jury scores: its criteria and its jurors may still be repaired.
BEFORE_JUDGING_STATES = (EditionState.DRAFT, EditionState.OPEN, EditionState.SCREENING)


class JuryRound(models.IntegerChoices):
    """The jury's round of scoring. An edition without a shortlist has only the first;
    with one, the first round selects the shortlist and the final round ranks it."""

    FIRST = 1, _("First round")
    FINAL = 2, _("Final round")


class Aggregation(models.TextChoices):
    MEAN = "mean", _("Mean")
    MEDIAN = "median", _("Median")
    TRIMMED_MEAN = "trimmed_mean", _("Trimmed mean")
    ZSCORE = "zscore", _("Z-score (standardised per juror)")


class PlaceNumbering(models.TextChoices):
    DENSE = "dense", _("Dense (1, 2, 2, 3)")
    COMPETITION = "competition", _("Competition (1, 2, 2, 4)")
