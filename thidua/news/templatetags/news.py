"""The portal's side blocks, rendered once for every page that shows them (see core.fragments)."""

from typing import Any

from django import template

from thidua.core.fragments import cached_render
from thidua.news import selectors
from thidua.news.models import Category

register = template.Library()


def _side_blocks() -> dict[str, Any]:
    return {
        "categories": list(Category.objects.all()),
        "latest": selectors.latest(),
        "most_viewed": selectors.most_viewed(),
    }


@register.simple_tag(takes_context=True)
def news_side_blocks(context: template.Context) -> str:
    """Categories, "Mới nhất" and "Xem nhiều nhất". The counters behind "Xem nhiều nhất" change
    on every reading without making cached parts stale: the minute's epoch in the key renders
    the blocks afresh at most once a minute."""
    return cached_render(
        context["request"], "news/_side_blocks.html", _side_blocks,
        namespace="news", key=("side", selectors.listing_epoch()),
    )  # fmt: skip
