"""RSS 2.0 and Atom feeds of the published results, one item per edition, in the
language of the address (/en/feeds/…, /fr/feeds/…)."""

import re
from datetime import datetime, time

from django.contrib.syndication import views as syndication
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language, gettext

from web import richtext
from web.links import absolute

from . import selectors

# What XML 1.0 cannot hold at all: Django's feed writer refuses the whole feed for one of
# these (a vertical tab pasted from a word processor into a news item, an escape typed in
# an entry's title), so one item would take the feed down for every reader.
XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(value):
    """A feed's value with the characters XML cannot hold left out (no page shows them
    either); other values as they are."""
    if isinstance(value, str):
        return XML_ILLEGAL.sub("", value)
    if isinstance(value, (list, tuple)):
        return type(value)(xml_safe(v) for v in value)
    return value


class Feed(syndication.Feed):
    """Every feed of the site: the texts of the feed and of each item made fit for XML."""

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        feed.feed = {key: xml_safe(value) for key, value in feed.feed.items()}
        feed.items = [{key: xml_safe(value) for key, value in item.items()} for item in feed.items]
        return feed


def html_text(text: str) -> str:
    """Plain text as the HTML that RSS descriptions and Atom summaries hold: "&" and "<"
    stay text, and an apostrophe stays an apostrophe (Django's escape() would write
    &#x27;, which readers that take the summary as text show as it is)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class ResultsFeed(Feed):
    """RSS 2.0. Every link is absolute on SITE_URL, like the pages' canonical links."""

    url_name = "results:results_rss"

    def title(self):
        return gettext("Results of the Dosta!-Congress Prize for Municipalities")

    def description(self):
        return gettext("The laureates of each edition, as soon as they are published.")

    subtitle = description  # Atom's name for it

    def link(self):
        return absolute(reverse("results:archive"))

    def feed_url(self):
        return absolute(reverse(self.url_name))

    def items(self):
        return selectors.published_editions()

    def item_title(self, edition):
        # Plain text: the feed writer escapes it for XML once; escaping it here too would
        # show readers "nell&#x27;Emilia".
        return edition.display_name

    def item_link(self, edition):
        return absolute(edition.get_absolute_url())

    def item_description(self, edition):
        text = selectors.laureates_text(edition.laureate_groups)
        return html_text(text or gettext("No laureate is recorded for this edition."))

    def item_pubdate(self, edition):
        return edition.published_at

    def item_updateddate(self, edition):
        return edition.published_at


class ResultsAtomFeed(ResultsFeed):
    feed_type = Atom1Feed
    url_name = "results:results_atom"


class NewsFeed(Feed):
    """Titles are plain text (the writer escapes them once); descriptions are the HTML of
    the pages, which RSS and Atom carry as HTML."""

    url_name = "results:news_rss"

    def title(self):
        return gettext("News of the Dosta!-Congress Prize for Municipalities")

    def description(self):
        return gettext("Calls for entries, juries, ceremonies and laureates.")

    subtitle = description

    def link(self):
        return absolute(reverse("results:news"))

    def feed_url(self):
        return absolute(reverse(self.url_name))

    def items(self):
        return selectors.news_listed((get_language() or "en")[:2])[: selectors.FEED_ITEMS]

    def item_title(self, item):
        return item.title.text

    def item_link(self, item):
        return absolute(item.get_absolute_url())

    def item_description(self, item):
        return str(richtext.to_html(item.text.text, top=2))

    def item_pubdate(self, item):
        # The date the secretariat gave, at noon in Strasbourg, as the results feeds do.
        return timezone.make_aware(datetime.combine(item.published_on, time(12)))

    def item_updateddate(self, item):
        return max(item.updated_at, self.item_pubdate(item))


class NewsAtomFeed(NewsFeed):
    feed_type = Atom1Feed
    url_name = "results:news_atom"
