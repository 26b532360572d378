"""Background work after an entry's step is committed: the e-mails that go with it.
Thin: load, then call the mail helpers."""

from django.tasks import task
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

from accounts.mail import mail_send
from web.links import absolute

from .documents import receipt_for
from .selectors import transition_with_entry

# Subjects name the entry (its title, else the authority's new entry), never its reference.
MAILS = {
    "submit": ("emails/entry_submitted.txt", gettext_noop("Your entry was submitted: %(title)s")),
    "request_info": (
        "emails/entry_info_requested.txt",
        gettext_noop("The secretariat needs more information about your entry: %(title)s"),
    ),
    "mark_eligible": (
        "emails/entry_eligible.txt",
        gettext_noop("Your entry is eligible: %(title)s"),
    ),
    "mark_ineligible": (
        "emails/entry_ineligible.txt",
        gettext_noop("Your entry is not eligible: %(title)s"),
    ),
    "withdraw": ("emails/entry_withdrawn.txt", gettext_noop("Your entry was withdrawn: %(title)s")),
}


@task()
def entry_mail(transition_id: int) -> int:
    """E-mail the authority about one step of its entry; returns how many were sent.
    A submission's receipt goes to the person who submitted, with the PDF attached;
    the secretariat's decisions go to every member, each in their own language."""
    log = transition_with_entry(transition_id)
    if log.action not in MAILS:
        return 0
    template, subject = MAILS[log.action]
    entry = log.entry
    people = [log.by] if log.action == "submit" and log.by else list(entry.authority.members.all())
    for person in people:
        with translation.override(person.language):
            link = absolute(entry.get_absolute_url())
            # One line: a line break in a header would refuse the whole e-mail.
            named = gettext(subject) % {"title": " ".join(entry.display_title.split())}
        attachments = ()
        if log.action == "submit":
            pdf = receipt_for(entry, language=person.language)
            attachments = [(f"receipt-{entry.ref}.pdf", pdf, "application/pdf")]
        mail_send(
            to=person.email,
            language=person.language,
            subject=named,
            template=template,
            context={"entry": entry, "log": log, "person": person, "link": link},
            attachments=attachments,
        )
    return len(people)
