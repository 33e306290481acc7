"""Add N published articles to the demo's news for benchmarks (through the services, audited).

    DJANGO_SETTINGS_MODULE=config.settings .venv/bin/python bench/make_news.py --articles 1000

Each article has a Vietnamese title, a lead, five paragraphs and two categories; they are spread
over the last three years. Running it again with a larger N adds the difference. Prints the slug
of the demo's seed article (the page bench/news_web.sh reads).
"""

import argparse
import datetime as dt
import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from thidua.news import services  # noqa: E402
from thidua.news.models import Article, Category  # noqa: E402

TOPICS = ["Hội nghị", "Tọa đàm", "Sơ kết", "Tổng kết", "Tập huấn", "Giao ước", "Biểu dương"]
THEMES = ["phong trào thi đua", "công tác tổ chức xây dựng Đảng", "cải cách hành chính",
          "chuyển đổi số", "gương điển hình tiên tiến", "Cụm thi đua số 6"]  # fmt: skip
SENTENCE = (
    "Các đơn vị thành viên đã bám sát nội dung giao ước, triển khai đồng bộ các giải pháp, "
    "hoàn thành vượt mức nhiều chỉ tiêu được giao và đề xuất khen thưởng kịp thời."
)
PREFIX = "Bench "


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=1000)
    wanted = parser.parse_args().articles
    rng = random.Random(6)
    author = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    categories = list(Category.objects.all())
    have = Article.objects.filter(title__startswith=PREFIX).count()
    now = timezone.now()
    for number in range(have, wanted):
        title = f"{PREFIX}{number}: {rng.choice(TOPICS)} {rng.choice(THEMES)}"
        with transaction.atomic():
            article = services.article_save(
                by=author, title=title, lead=SENTENCE, byline="Văn phòng Cụm",
                body="".join(f"<p>{SENTENCE}</p>" for _ in range(5)),
                categories=rng.sample(categories, k=min(2, len(categories))),
            )  # fmt: skip
            services.article_submit(article=article, by=author)
            at = now - dt.timedelta(minutes=rng.randrange(3 * 365 * 24 * 60))
            services.article_publish(article=article, by=author, at=at)
    seed = Article.objects.filter(title__startswith="Tọa đàm Thúc đẩy thi đua").first()
    print(seed.slug if seed else Article.objects.filter(status="published").first().slug)


if __name__ == "__main__":
    main()
