"""The development URLs (settings/local.py): the site's, plus the page of the e-mails
sent (accounts/dev_views.py). Production routes settings/urls.py, without it."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from accounts import dev_views

from .urls import handler500, urlpatterns

__all__ = ["handler500", "urlpatterns"]

urlpatterns = [
    *urlpatterns,
    *i18n_patterns(path("dev/mail/", dev_views.sent_mail, name="dev_mail")),
]
