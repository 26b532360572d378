"""Every write of the results app."""

from .news import news_create, news_delete, news_update

__all__ = ["news_create", "news_delete", "news_update"]
