"""Readers' feedback on articles: sending it (with a throttle per sender), moderating it, and
the reads the article page and the moderation page share.

Feedback is shown under an article only after a reviewer of the article (the emulation
secretariat over its unit, see `permissions.may_review`) or a system administrator approves it.
It is kept as plain text: the pages escape it and never render HTML sent by the public.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.audit import actor, save_audited
from thidua.core.errors import DomainError
from thidua.core.notify import notify
from thidua.core.senders import sender_hash, sender_throttle
from thidua.news.models import Article, ArticleFeedback
from thidua.news.permissions import may_review, reviewable_q, reviewers_of
from thidua.news.sanitize import plain_text
from thidua.news.selectors import published
from thidua.org.scope import scope_for

Status = ArticleFeedback.Status
CONTENT_MAX = 3000
# Messages one sender may send in an hour, over all articles (settings may change it).
DEFAULT_PER_HOUR = 5


def may_moderate(user: Any) -> bool:
    """The user moderates some articles' feedback: a secretariat or a system administrator."""
    scope = scope_for(user)
    return scope.is_admin or bool(scope.secretariat_paths)


# ---- sending -----------------------------------------------------------------------------------
def _open_article(article: Article) -> Article:
    # Read afresh and locked: the article may have been withdrawn since the page was shown (the
    # sender's own lock, in sender_throttle, keeps a burst from slipping past the throttle).
    locked = published().select_for_update().filter(pk=article.pk).first()
    if locked is None:
        raise DomainError(_("Feedback cannot be sent on this article."), code="closed")
    return locked


def _clean_content(content: str) -> str:
    text = plain_text(content.replace("\x00", ""))
    if not text:
        raise DomainError(_("Please write your feedback."), field="content", code="required")
    if len(text) > CONTENT_MAX:
        raise DomainError(
            _("Please write at most %(count)s characters.") % {"count": CONTENT_MAX},
            field="content",
            code="too_long",
        )
    return text


@transaction.atomic
def feedback_submit(
    *, article: Article, name: str, contact: str, content: str, sender: str
) -> ArticleFeedback:
    """A reader's feedback on a published article; it waits for moderation."""
    article = _open_article(article)
    name = plain_text(name.replace("\x00", ""))
    if not name:
        raise DomainError(_("Please give your name."), field="name", code="required")
    text = _clean_content(content)
    digest = sender_hash(sender)
    per_hour = getattr(settings, "THIDUA_NEWS_FEEDBACK_PER_HOUR", DEFAULT_PER_HOUR)
    sender_throttle(ArticleFeedback.objects, digest, per_hour=per_hour)
    feedback = ArticleFeedback(
        article=article, name=name[:150], contact=plain_text(contact.replace("\x00", ""))[:150],
        content=text, sender_hash=digest,
    )  # fmt: skip
    _tell_reviewers(feedback)
    save_audited(feedback, by=None)
    return feedback


def _tell_reviewers(feedback: ArticleFeedback) -> None:
    """Tell the article's reviewers that feedback waits, once until they have decided what
    waits there: a flood of messages is one notification, not one each."""
    article = feedback.article
    if ArticleFeedback.objects.filter(article=article, status=Status.NEW).exists():
        return
    notify(
        users=reviewers_of(article), kind="news_feedback",
        url=reverse("news:feedback_moderation"),
        title=format_lazy(gettext_lazy("Readers' feedback awaits moderation: {title}"),
                          title=article.title),
    )  # fmt: skip


# ---- moderating --------------------------------------------------------------------------------
@transaction.atomic
def feedback_moderate(
    *, feedback: ArticleFeedback, by: Any, approve: bool, note: str = ""
) -> ArticleFeedback:
    """Show the feedback under its article (approve) or keep it off the page; decided once."""
    feedback = (
        ArticleFeedback.objects.select_for_update(of=("self",))  # the unit is outer-joined
        .select_related("article__unit")
        .get(pk=feedback.pk)
    )
    if by is not None and not may_review(by, feedback.article):
        raise DomainError(
            _("Only the emulation secretariat over the article's unit or an administrator can "
              "moderate its feedback."),
            code="not_actor",
        )  # fmt: skip
    if feedback.status != Status.NEW:
        raise DomainError(
            _("This feedback is already moderated: %(status)s.")
            % {"status": feedback.get_status_display().lower()},
            code="decided",
        )
    feedback.status = Status.APPROVED if approve else Status.REJECTED
    feedback.moderation_note = note.strip()
    feedback.moderated_by = actor(by)
    feedback.moderated_at = timezone.now()
    save_audited(feedback, by=by, reason=note.strip())
    return feedback


# ---- reading -----------------------------------------------------------------------------------
def feedback_shown(article: Article) -> list[ArticleFeedback]:
    """The approved feedback under an article, oldest first."""
    return list(
        ArticleFeedback.objects.filter(article=article, status=Status.APPROVED).order_by(
            "created_at", "pk"
        )
    )


def feedback_pending(user: Any) -> QuerySet[ArticleFeedback]:
    """Feedback awaiting this user's moderation, oldest first, with its article."""
    return (
        ArticleFeedback.objects.filter(status=Status.NEW)
        .filter(article__in=Article.objects.filter(reviewable_q(user)))
        .select_related("article")
        .order_by("created_at", "pk")
    )
