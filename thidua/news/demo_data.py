"""News demo: the seed article of Cụm thi đua số 6 and a few synthetic items (demo_articles).

Loaded last by `manage.py load_demo`, on the organisation demo (Cluster 6, the demo accounts)
and, where they are there, the campaigns demo's movements and the awards demo's people. Every
article goes through the news services as editors would write it: an officer writes and submits,
the secretariat (`thuky`) publishes, at the date the item bears. Photos are pictures drawn with
Pillow at load time (no binary file in the repository), stored under MEDIA_ROOT. Readings are
counted through `view_record`, one session each, so "most viewed" has an order.

An item is skipped when an article of its title exists, so loading twice writes nothing; without
the demo organisation nothing is written at all.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import textwrap
from collections import Counter
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image, ImageDraw, ImageFont
from unidecode import unidecode

from thidua.awards.demo_stories import MINISTRY_FIGHTER
from thidua.campaigns import demo_plan as campaigns_plan
from thidua.campaigns.models import Movement
from thidua.core.audit import save_audited
from thidua.news import demo_articles as texts
from thidua.news import services
from thidua.news.demo_articles import ArticleText, PhotoText
from thidua.news.models import Article, Category, Photo, Tag
from thidua.org.models import Cluster, Person, RoleAssignment, Unit
from thidua.org.selectors import cluster_members

PUBLISHER = "thuky"  # the secretariat reviews and publishes
SEED_AUTHOR = "donvi_dukdn"  # the 2023 cluster leader's officer
USERNAMES = (PUBLISHER, SEED_AUTHOR, "cumtruong6", "donvi_bca", "donvi_tcct", "donvi_ccb")
# ILLUSTRATIVE: the seed bears no date. May 2024: after the Tọa đàm of the 2023 leader and the
# decisions it reports (the cluster's awards of 15-1-2024 and the leader's Chiến sĩ thi đua toàn
# quốc of 20-4-2024, nominations demo).
SEED_PUBLISHED = (dt.date(2024, 5, 10), 9)
EXAMPLE_PUBLISHED = (dt.date(2025, 4, 28), 8, 30)  # after five years of HTXS (2020–2024)
MOVEMENT_YEAR = 2026  # the movement announced: the campaigns demo's current one
SCHEDULED_IN, MEETING_IN = dt.timedelta(days=7), dt.timedelta(days=21)  # from today
VIEWS = {"seed": 42, "example": 27, "movement": 16}  # readings, one session each
PHOTO_SIZE = (1200, 675)


def load() -> Counter[str]:
    created: Counter[str] = Counter()
    cluster = (
        Cluster.objects.filter(
            number=campaigns_plan.CLUSTER_NUMBER, organiser__code=campaigns_plan.ORGANISER
        )
        .order_by("pk")
        .first()
    )
    users = get_user_model().objects.in_bulk(USERNAMES, field_name="username")
    if cluster is None or len(users) < len(USERNAMES):
        return created
    with transaction.atomic():
        _Demo(cluster, users, created).run()
    return created


def local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """`day` at `hour`:`minute`, Vietnam time (the site's time zone)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def body_html(paragraphs: tuple[str, ...]) -> str:
    return "".join(f"<p>{html.escape(text, quote=False)}</p>" for text in paragraphs)


class _Demo:
    def __init__(self, cluster: Cluster, users: dict[str, Any], created: Counter[str]) -> None:
        self.cluster, self.users, self.created = cluster, users, created
        self.categories: dict[str, Category] = {}

    def run(self) -> None:
        for name, slug, order in texts.CATEGORIES:
            self.categories[slug] = self.category(name, slug, order)
        members = cluster_members(self.cluster, on=dt.date(2023, 12, 31)).select_related("unit")
        self.publish(
            texts.SEED, author=SEED_AUTHOR, at=local(*SEED_PUBLISHED),
            movement=self.movement(2023), units=[m.unit for m in members],
        )  # fmt: skip
        person = Person.objects.filter(staff_code=MINISTRY_FIGHTER).select_related("unit").first()
        if person is not None:
            story = texts.example_story(
                name=person.full_name, position=person.position, department=person.unit.name
            )
            units = Unit.objects.filter(code="CTCCB-BCA")
            self.publish(story, author="donvi_bca", at=local(*EXAMPLE_PUBLISHED), units=units)
        spec = next(m for m in campaigns_plan.MOVEMENTS if m.starts_on.year == MOVEMENT_YEAR)
        self.publish(
            texts.movement_notice(spec), author=PUBLISHER, cluster=None,
            at=local(spec.decision_date + dt.timedelta(days=3), 8),
            movement=self.movement(MOVEMENT_YEAR),
        )  # fmt: skip
        today = timezone.localdate()
        self.publish(
            texts.meeting_notice(meeting_day=today + MEETING_IN), author="cumtruong6",
            at=local(today + SCHEDULED_IN, 8),
        )  # fmt: skip
        self.write(texts.DRAFT, author="donvi_ccb")
        in_review = self.write(texts.IN_REVIEW, author="donvi_tcct")
        if in_review is not None:
            services.article_submit(article=in_review, by=self.users["donvi_tcct"])

    def category(self, name: str, slug: str, order: int) -> Category:
        found = Category.objects.filter(Q(slug=slug) | Q(name=name)).first()
        if found is None:
            found = Category(name=name, slug=slug, order=order)
            save_audited(found, by=None)
            self.created["news categories"] += 1
        return found

    def tag(self, name: str) -> Tag:
        found = Tag.objects.filter(name=name).first()
        if found is None:
            found = Tag(name=name, slug=slugify(unidecode(name)))
            save_audited(found, by=None)
            self.created["news tags"] += 1
        return found

    def movement(self, year: int) -> Movement | None:
        spec = next(
            m for m in campaigns_plan.MOVEMENTS if m.kind == "regular" and m.starts_on.year == year
        )
        return Movement.objects.filter(title=spec.title).order_by("pk").first()

    def write(self, text: ArticleText, *, author: str, **fields: Any) -> Article | None:
        """The article as its author saves it, photos included; None when it exists."""
        if Article.objects.filter(title=text.title).exists():
            return None
        fields.setdefault("cluster", self.cluster)
        by = self.users[author]
        fields.setdefault("unit", self.own_unit(by))
        article = services.article_save(
            by=by, title=text.title, lead=text.lead, body=body_html(text.paragraphs),
            byline=text.byline, categories=[self.categories[text.category]],
            tags=[self.tag(name) for name in text.tags], **fields,
        )  # fmt: skip
        self.created["news articles"] += 1
        for order, photo in enumerate(text.photos, start=1):
            image = ContentFile(photo_jpeg(photo), name=f"{text.key}-{order}.jpg")
            row = Photo(
                article=article, image=image, caption=photo.caption, credit=photo.credit,
                order=order,
            )  # fmt: skip
            save_audited(row, by=by)
            self.created["news photos"] += 1
        return article

    @staticmethod
    def own_unit(user: Any) -> Unit | None:
        """A unit officer writes for their unit; the portal's own news has none."""
        role = user.role_assignments.filter(role=RoleAssignment.Role.UNIT_OFFICER).first()
        return role.unit if role else None

    def publish(self, text: ArticleText, *, author: str, at: dt.datetime, **fields: Any) -> None:
        article = self.write(text, author=author, **fields)
        if article is None:
            return
        article = services.article_submit(article=article, by=self.users[author])
        article = services.article_publish(article=article, by=self.users[PUBLISHER], at=at)
        for number in range(VIEWS.get(text.key, 0)):
            if services.view_record(article=article, session_key=f"demo-{text.key}-{number:03d}"):
                self.created["news article views"] += 1


# ---- pictures ----------------------------------------------------------------------------------
def _font(size: int) -> tuple[Any, bool]:
    """DejaVu Sans where the system has it (Vietnamese glyphs); Pillow's own font otherwise, which
    lacks them, so the text is then drawn without diacritics (True: the font has them)."""
    try:
        return ImageFont.truetype("DejaVuSans.ttf", size), True
    except OSError:
        return ImageFont.load_default(size), False


def photo_jpeg(photo: PhotoText) -> bytes:
    """A plain picture in the photo's colour with its caption and credit written on it."""
    image = Image.new("RGB", PHOTO_SIZE, photo.colour)
    draw = ImageDraw.Draw(image)
    (font, vietnamese), (small, _) = _font(44), _font(28)
    caption, credit = photo.caption, photo.credit
    if not vietnamese:
        caption, credit = unidecode(caption), unidecode(credit)
    lines = textwrap.wrap(caption, width=42)
    top = (PHOTO_SIZE[1] - 60 * len(lines)) // 2
    for number, line in enumerate(lines):
        draw.text((PHOTO_SIZE[0] // 2, top + 60 * number), line, font=font, fill="white",
                  anchor="ma")  # fmt: skip
    draw.text((PHOTO_SIZE[0] - 40, PHOTO_SIZE[1] - 36), credit, font=small,
              fill=(235, 235, 235), anchor="rs")  # fmt: skip
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()
