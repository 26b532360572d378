"""Reads of the results app worth naming."""

from django.http import Http404

from .models import NewsItem

FEED_ITEMS = 20


def news_listed(language: str):
    """The news of the page or feed in `language`, newest first (a queryset to page)."""
    return NewsItem.objects.listed_in(language).newest_first()


def news_item(pk: int, language: str) -> NewsItem:
    """An item listed in `language`; not found in a language it is not listed in, so the
    page and the sitemap agree."""
    try:
        return NewsItem.objects.listed_in(language).get(pk=pk)
    except NewsItem.DoesNotExist:
        raise Http404("No such news item") from None


def news_photo(pk: int) -> NewsItem:
    try:
        return NewsItem.objects.exclude(file="").get(pk=pk)
    except NewsItem.DoesNotExist:
        raise Http404("No such photo") from None


def news_for_secretariat():
    return NewsItem.objects.newest_first()
