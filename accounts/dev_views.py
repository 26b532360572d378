"""The page of the e-mails sent while developing (accounts/dev_mail.py). It is routed
only by settings/urls_dev.py, which settings/local.py uses, and answers 404 unless DEBUG
is on. Anyone who reaches the development server may read it: a newcomer who registers
is not logged in yet and needs the confirmation link to get further, and the server
holds demo data only."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import render

from .dev_mail import SHOWN, kept_directory, kept_mails


def sent_mail(request):
    if not settings.DEBUG:
        raise Http404("E-mails are shown only while developing (DEBUG).")
    directory = kept_directory()
    mails = kept_mails(directory) if directory else []
    context = {"mails": mails, "directory": directory, "shown": SHOWN}
    return render(request, "accounts/dev_mail.html", context)
