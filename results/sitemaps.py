"""The sitemap of the public site: every page in English and French, each listing its
other language and an x-default (the unprefixed address, which sends a reader on to
their browser's language)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from alliance.models import Participation

from . import selectors


class PublicSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    # On SITE_URL, whatever host the crawler came through, like the canonical links.
    def get_protocol(self, protocol=None):
        return (
            urlsplit(settings.SITE_URL).scheme
            if settings.SITE_URL
            else super().get_protocol(protocol)
        )

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc if settings.SITE_URL else super().get_domain(site)


class StaticSitemap(PublicSitemap):
    changefreq = "monthly"

    def items(self):
        return ["results:home", "results:archive", "prize:privacy", "prize:contact"]

    def location(self, name):
        return reverse(name)


class EditionSitemap(PublicSitemap):
    def items(self):
        return selectors.public_editions()

    def location(self, edition):
        return edition.get_absolute_url()


class LaureateSitemap(PublicSitemap):
    def items(self):
        return selectors.public_laureates().results

    def location(self, result):
        return reverse(
            "results:laureate",
            kwargs={"number": result.decision.edition.number, "ref": result.entry.ref},
        )


class AllianceSitemap(PublicSitemap):
    """The Alliance's list and every accepted participant's profile."""

    def items(self):
        return ["list", *Participation.objects.accepted().order_by("slug")]

    def location(self, item):
        return reverse("alliance:list") if item == "list" else item.get_absolute_url()


SITEMAPS = {
    "pages": StaticSitemap,
    "editions": EditionSitemap,
    "laureates": LaureateSitemap,
    "alliance": AllianceSitemap,
}
