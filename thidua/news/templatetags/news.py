"""The portal's side blocks, rendered once for every page that shows them (see core.fragments)."""

import time
from typing import Any

from django import template

from thidua.core.fragments import cached_render
from thidua.news import selectors
from thidua.news.models import Category

register = template.Library()

# "Xem nhiều nhất" follows the counters, which change on every reading without making cached
# parts stale: the block is rendered afresh at most once a minute.
MOST_VIEWED_REFRESH = 60  # seconds


def _side_blocks() -> dict[str, Any]:
    return {
        "categories": list(Category.objects.all()),
        "latest": selectors.latest(),
        "most_viewed": selectors.most_viewed(),
    }


@register.simple_tag(takes_context=True)
def news_side_blocks(context: template.Context) -> str:
    """Categories, "Mới nhất" and "Xem nhiều nhất"."""
    minute = int(time.time() // MOST_VIEWED_REFRESH)
    return cached_render(
        context["request"], "news/_side_blocks.html", _side_blocks,
        namespace="news", key=("side", selectors.live_mark(), minute),
    )  # fmt: skip
