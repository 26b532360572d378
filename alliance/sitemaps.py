"""The Alliance's public pages in the sitemap: the list and every accepted participant's
profile, in both languages (settings/urls.py adds them to the prize's sitemaps)."""

from django.urls import reverse

from prize.sitemaps import PublicSitemap

from .models import Participation


class AllianceSitemap(PublicSitemap):
    def items(self):
        return ["list", *Participation.objects.accepted().order_by("slug")]

    def location(self, item):
        return reverse("alliance:list") if item == "list" else item.get_absolute_url()
