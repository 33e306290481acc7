"""Print an article's view counter and its reading rows (for bench/news_web.sh).

    .venv/bin/python bench/news_views.py <slug>   →   "<views> <rows>"

The counter loses no increment when, after any load, it equals the number of reading rows
(each row is one counted reading; the counter goes up only when its row is new)."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from thidua.news.models import Article, ArticleView  # noqa: E402

article = Article.objects.get(slug=sys.argv[1])
print(article.views, ArticleView.objects.filter(article=article).count())
