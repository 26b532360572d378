"""RSS 2.0 and Atom feeds of the published results, one item per edition, in the
language of the address (/en/feeds/…, /fr/feeds/…)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext

from web.links import absolute

from . import selectors


def html_text(text: str) -> str:
    """Plain text as the HTML that RSS descriptions and Atom summaries hold: "&" and "<"
    stay text, and an apostrophe stays an apostrophe (Django's escape() would write
    &#x27;, which readers that take the summary as text show as it is)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class ResultsFeed(Feed):
    """RSS 2.0. Every link is absolute on SITE_URL, like the pages' canonical links."""

    url_name = "prize:results_rss"

    def title(self):
        return gettext("Results of the Dosta!-Congress Prize for Municipalities")

    def description(self):
        return gettext("The laureates of each edition, as soon as they are published.")

    subtitle = description  # Atom's name for it

    def link(self):
        return absolute(reverse("prize:archive"))

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
    url_name = "prize:results_atom"
