"""The news in the sitemap: the list in both languages, and each item in the languages
whose news page lists it (NewsItem.listed_languages)."""

from django.urls import reverse

from prize.sitemaps import PublicSitemap

from .models import NewsItem


class NewsSitemap(PublicSitemap):
    def items(self):
        return ["news", *NewsItem.objects.newest_first()]

    def get_languages_for_item(self, item):
        return super().get_languages_for_item(item) if item == "news" else item.listed_languages

    def location(self, item):
        return reverse("results:news") if item == "news" else item.get_absolute_url()

    def lastmod(self, item):
        return None if item == "news" else item.updated_at
