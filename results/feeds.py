"""RSS 2.0 and Atom feeds of the published results, one item per edition, in the
language of the address (/en/feeds/…, /fr/feeds/…)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext

from web.links import absolute

from . import selectors


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
        return edition.display_name

    def item_link(self, edition):
        return absolute(edition.get_absolute_url())

    def item_description(self, edition):
        # RSS descriptions and Atom summaries are HTML: names with "&" or "<" stay text.
        text = selectors.laureates_text(edition.laureate_groups)
        return escape(text or gettext("No laureate is recorded for this edition."))

    def item_pubdate(self, edition):
        return edition.published_at

    def item_updateddate(self, edition):
        return edition.published_at


class ResultsAtomFeed(ResultsFeed):
    feed_type = Atom1Feed
    url_name = "results:results_atom"
