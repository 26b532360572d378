"""Background work after an Alliance step is committed. Thin: load, then call."""

from django.tasks import task

from . import mails


@task()
def participation_mail(transition_id: int) -> int:
    """Tell the authority's members about the secretariat's decision."""
    return mails.participation_mail(transition_id=transition_id)
