"""News articles of the public portal, their photos, and the views counted once per session.

An article moves draft → review → published (law.md is silent: the workflow is the usual
editorial one of agency portals); a published article shows from its `publish_at`, so an
editor can schedule it. Bodies are stored already sanitised (`sanitize.clean_body`).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.campaigns.models import Movement
from thidua.campaigns.models.files import random_name
from thidua.core.db import VI_COLLATION
from thidua.core.models import TimeStampedModel
from thidua.core.text import fold
from thidua.org.models import Cluster, Unit

__all__ = ["Article", "ArticleView", "Category", "Photo", "Tag"]


class Category(models.Model):
    """A section of the portal ("Tin hoạt động", "Gương điển hình" …)."""

    name = models.CharField(_("name"), max_length=100, unique=True, db_collation=VI_COLLATION)
    slug = models.SlugField(_("address"), max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True, db_collation=VI_COLLATION)
    slug = models.SlugField(_("address"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name


class Article(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("Awaiting review")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("address"), max_length=120, unique=True)
    lead = models.TextField(_("lead"), blank=True, help_text=_("One or two sentences in bold."))
    body = models.TextField(_("body"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    publish_at = models.DateTimeField(
        _("publish at"), null=True, blank=True,
        help_text=_("Empty publishes at once; a later time schedules the article."),
    )  # fmt: skip
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT,
        related_name="articles",
    )  # fmt: skip
    byline = models.CharField(
        _("byline"), max_length=150, blank=True,
        help_text=_("The name printed under the article, e.g. the unit that wrote it."),
    )  # fmt: skip
    categories = models.ManyToManyField(
        Category, verbose_name=_("categories"), blank=True, related_name="articles"
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="articles")
    movement = models.ForeignKey(
        Movement, verbose_name=_("movement"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="articles",
    )  # fmt: skip
    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cluster"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="articles",
    )  # fmt: skip
    units = models.ManyToManyField(
        Unit, verbose_name=_("units"), blank=True, related_name="articles"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("owning unit"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="own_articles",
        help_text=_("The unit whose officers write the article and whose secretariat reviews "
                    "it; empty for the portal's own news."),
    )  # fmt: skip
    review_note = models.TextField(_("reviewer's note"), blank=True)
    views = models.PositiveBigIntegerField(_("views"), default=0, editable=False)
    search_text = models.TextField(blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["views"])

    class Meta:
        ordering = ["-publish_at", "-id"]
        indexes = [models.Index(fields=["status", "publish_at"], name="news_article_live")]
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        # Diacritics-free search over what a reader sees (the body without its tags).
        from thidua.news.sanitize import plain_text

        self.search_text = fold(f"{self.title} {self.lead} {plain_text(self.body)}")
        super().save(*args, **kwargs)


def photo_upload_to(instance: "Photo", filename: str) -> str:
    return random_name("news", filename)


class Photo(models.Model):
    """A photo of an article with its caption and credit ("Ảnh: ĐUKDN Trung ương")."""

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ImageField(_("image"), upload_to=photo_upload_to)
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    credit = models.CharField(_("credit"), max_length=150, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return self.caption or self.image.name


class ArticleView(models.Model):
    """One reading session of an article: the view counter goes up only when this row is new."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    session_key = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["article", "session_key"], name="news_view_once_per_session"
            )
        ]

    def __str__(self) -> str:
        return f"{self.article_id}:{self.session_key}"
