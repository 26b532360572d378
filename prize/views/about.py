"""The privacy notice and the contact page: the same for everyone, in both languages,
linked from the footer of every page and of every e-mail. No domain data: the facts
they quote (the secretariat's address, the retention periods) are settings."""

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext

from web.links import absolute
from web.pages import PageMeta

# What the Council of Europe's web server logs are kept for at most: the operator's
# log rotation (docs/deploy.md, "Retention") keeps to it.
SERVER_LOG_DAYS = 90


def privacy(request):
    days = settings.RETENTION_DAYS
    context = {
        "meta": PageMeta(
            canonical=absolute(reverse("prize:privacy")),
            title=gettext("Privacy notice"),
            description=gettext(
                "What the prize's site keeps about you, why, for how long, and how to "
                "download or erase it."
            ),
        ),
        "secretariat_email": settings.SECRETARIAT_EMAIL,
        "session_days": settings.SESSION_COOKIE_AGE // (24 * 3600),
        "unconfirmed_days": days["unconfirmed_accounts"],
        "draft_days": days["draft_entries"],
        "failure_days": days["login_failures"],
        "log_days": SERVER_LOG_DAYS,
    }
    return render(request, "prize/privacy.html", context)


def contact(request):
    context = {
        "meta": PageMeta(
            canonical=absolute(reverse("prize:contact")),
            title=gettext("Contact"),
            description=gettext(
                "How to write to the secretariat of the Dosta!-Congress Prize for Municipalities."
            ),
        ),
        "secretariat_email": settings.SECRETARIAT_EMAIL,
        "privacy_url": reverse("prize:privacy"),
    }
    return render(request, "prize/contact.html", context)
