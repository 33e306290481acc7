"""Readers' feedback on articles: sent by anyone, shown under the article once the secretariat
approves it. Content is stored as plain text (`sanitize.plain_text`) and escaped on output."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.core.models import TimeStampedModel
from thidua.news.models.articles import Article

__all__ = ["ArticleFeedback"]


class ArticleFeedback(TimeStampedModel):
    class Status(models.TextChoices):
        NEW = "new", _("Awaiting moderation")
        APPROVED = "approved", _("Shown under the article")
        REJECTED = "rejected", _("Not shown")

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="feedback"
    )
    name = models.CharField(_("your name"), max_length=150)
    contact = models.CharField(_("e-mail or telephone"), max_length=150, blank=True)
    content = models.TextField(_("feedback"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.NEW
    )
    # A keyed hash of the sender's address: counts their messages without naming them.
    sender_hash = models.CharField(max_length=64, blank=True, editable=False)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("moderated by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    moderation_note = models.TextField(_("moderator's note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reader's feedback")
        verbose_name_plural = _("readers' feedback")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["article", "status"], name="news_feedback_shown"),
            models.Index(fields=["sender_hash", "created_at"], name="news_feedback_sender"),
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.content[:40]}"
