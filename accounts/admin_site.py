"""The admin site: django-otp's OTPAdminSite, which lets in only a session verified by
a second factor (`has_permission`), whatever a page or a middleware forgets.

Its login page stays Django's password form (the throttled backend of accounts/
backends.py): after the password the site's two-factor page follows, since the admin's
pages pass through accounts/middleware.py like every other page."""

from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.admin.sites import AdminSite as DjangoAdminSite
from django_otp.admin import OTPAdminSite


class AdminSite(OTPAdminSite):
    login_form = AdminAuthenticationForm
    login_template = DjangoAdminSite.login_template

    def __init__(self, name: str = "admin"):
        # OTPAdminSite names itself "otpadmin"; the URLs stay "admin:…".
        super().__init__(name)
