"""The admin app, with our admin site as its default `admin.site` (INSTALLED_APPS names
this instead of "django.contrib.admin"). Kept apart from accounts/apps.py, which must
hold one AppConfig, and from the site's module, which cannot be imported while the apps
load."""

from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    default_site = "accounts.admin_site.AdminSite"
