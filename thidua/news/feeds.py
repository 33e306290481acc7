"""The portal's RSS feed: the newest published articles."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from thidua.news import selectors
from thidua.news.models import Article


class LatestArticles(Feed):
    title = _("thidua – Emulation and commendation news")
    description = _("The newest articles of the emulation and commendation portal.")

    def link(self) -> str:
        return reverse("news:home")

    def items(self) -> list[Article]:
        return selectors.latest(20)

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        return item.lead

    def item_link(self, item: Article) -> str:
        return reverse("news:article", args=[item.slug])

    def item_pubdate(self, item: Article):
        return item.publish_at

    def item_author_name(self, item: Article) -> str:
        return item.byline
