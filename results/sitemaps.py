"""The sitemap of the public site: every page in English and French, each listing its
other language and an x-default: the page in the default language (English). Not the
unprefixed address Django would give, which only redirects, and search engines want an
x-default that answers itself."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from alliance.models import Participation

from . import selectors
from .models import NewsItem


class PublicSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = False  # Django's points at the unprefixed, redirecting address: ours below

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            default = [a for a in url["alternates"] if a["lang_code"] == settings.LANGUAGE_CODE]
            url["alternates"] += [{**a, "lang_code": "x-default"} for a in default]
        return urls

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


class NewsSitemap(PublicSitemap):
    def items(self):
        return ["news", *NewsItem.objects.newest_first()]

    def get_languages_for_item(self, item):
        return super().get_languages_for_item(item) if item == "news" else item.listed_languages

    def location(self, item):
        return reverse("results:news") if item == "news" else item.get_absolute_url()

    def lastmod(self, item):
        return None if item == "news" else item.updated_at


SITEMAPS["news"] = NewsSitemap
