"""Writing, reviewing and publishing articles; counting their views.

Each change is checked (`full_clean`) and recorded in the article's history with who made it
and why. The workflow: an author writes a draft and sends it for review; a reviewer publishes
it (now or at a later time) or returns it with a note; a published article can be withdrawn to
a draft. Who may do which is decided by the views' permissions, not here.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy, slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from unidecode import unidecode

from thidua.core.audit import save_audited
from thidua.core.errors import DomainError
from thidua.core.notify import notify
from thidua.news.models import Article, ArticleView
from thidua.news.permissions import reviewers_of
from thidua.news.sanitize import clean_body, plain_text

Status = Article.Status
EDITABLE_FIELDS = (
    "title", "lead", "body", "byline", "publish_at", "movement", "cluster", "unit",
)  # fmt: skip
SLUG_LENGTH = 100
# Addresses of the portal's own pages under /tin-tuc/: an article never takes one of them.
RESERVED_SLUGS = {"tim-kiem", "rss", "anh", "phan-hoi", "chuyen-muc", "bien-tap"}


def unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    """ "Tọa đàm thúc đẩy thi đua" → "toa-dam-thuc-day-thi-dua" (-2, -3 … when taken)."""
    base = slugify(unidecode(title))[:SLUG_LENGTH].strip("-") or "bai-viet"
    taken = RESERVED_SLUGS | set(
        Article.objects.exclude(pk=exclude_pk)
        .filter(slug__startswith=base)
        .values_list("slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def article_save(*, by: Any, article: Article | None = None, **fields: Any) -> Article:
    """Create a draft, or change an article that is not published yet.

    `categories`, `tags` and `units` (iterables) replace the article's; the body is sanitised
    and the lead is kept as plain text."""
    relations = {key: fields.pop(key) for key in ("categories", "tags", "units") if key in fields}
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable here: {sorted(unknown)}")
    if article is None:
        article = Article(author=by)
    elif article.status == Status.PUBLISHED:
        raise DomainError(
            _("A published article is withdrawn to a draft before it is changed."),
            code="published",
        )
    for name, value in fields.items():
        setattr(article, name, value)
    article.body = clean_body(article.body)
    article.lead = plain_text(article.lead)
    if not article.slug:
        article.slug = unique_slug(article.title, exclude_pk=article.pk)
    save_audited(article, by=by)
    for name, values in relations.items():
        getattr(article, name).set(values)
    return article


def _move(article: Article, *, by: Any, to: str, allowed_from: tuple[str, ...],
          reason: str = "", **changes: Any) -> Article:  # fmt: skip
    locked = Article.objects.select_for_update().get(pk=article.pk)
    if locked.status not in allowed_from:
        raise DomainError(
            _("The article is %(status)s; this step is not possible now.")
            % {"status": locked.get_status_display().lower()},
            code="status",
        )
    locked.status = to
    for name, value in changes.items():
        setattr(locked, name, value)
    save_audited(locked, by=by, reason=reason)
    return locked


@transaction.atomic
def article_submit(*, article: Article, by: Any) -> Article:
    """The author sends the draft for review; its reviewers are told."""
    if not article.title.strip() or not plain_text(article.body):
        raise DomainError(_("An article needs a title and a body before review."), code="empty")
    article = _move(article, by=by, to=Status.REVIEW, allowed_from=(Status.DRAFT,),
                    review_note="")  # fmt: skip
    notify(
        users=[user for user in reviewers_of(article) if user.pk != getattr(by, "pk", None)],
        kind="news_review", url=reverse("news:editor_edit", args=[article.pk]),
        title=format_lazy(gettext_lazy("An article awaits your review: {title}"),
                          title=article.title),
    )  # fmt: skip
    return article


@transaction.atomic
def article_return(*, article: Article, by: Any, note: str) -> Article:
    """The reviewer sends the article back to its author (who is told) with what to change."""
    if not note.strip():
        raise DomainError(_("Say what the author should change."), field="note", code="note")
    article = _move(article, by=by, to=Status.DRAFT, allowed_from=(Status.REVIEW,),
                    reason=note, review_note=note.strip())  # fmt: skip
    if article.author_id != getattr(by, "pk", None):
        notify(
            users=[article.author], kind="news_returned", body=article.review_note,
            url=reverse("news:editor_edit", args=[article.pk]),
            title=format_lazy(gettext_lazy("Your article was returned for changes: {title}"),
                              title=article.title),
        )  # fmt: skip
    return article


@transaction.atomic
def article_publish(*, article: Article, by: Any, at: Any = None) -> Article:
    """The reviewer publishes the article now, or schedules it for `at`."""
    when = at or article.publish_at or timezone.now()
    return _move(article, by=by, to=Status.PUBLISHED, allowed_from=(Status.REVIEW,),
                 publish_at=when)  # fmt: skip


@transaction.atomic
def article_withdraw(*, article: Article, by: Any, reason: str) -> Article:
    """Take a published (or scheduled) article off the portal; it becomes a draft again."""
    if not reason.strip():
        raise DomainError(_("Say why the article is withdrawn."), field="reason", code="reason")
    return _move(article, by=by, to=Status.DRAFT, allowed_from=(Status.PUBLISHED,),
                 reason=reason)  # fmt: skip


def view_record(*, article: Article, session_key: str) -> bool:
    """Count a reading of the article once per session; True when this one counted.

    The unique row decides, not a read-then-write: two requests of one session at once insert
    one row, and the counter goes up in the database (UPDATE … SET views = views + 1), so no
    increment is lost however many processes count at once."""
    if connection.vendor == "postgresql":
        return _view_record_in_one_statement(article.pk, session_key)
    try:
        with transaction.atomic():
            ArticleView.objects.create(article=article, session_key=session_key)
    except IntegrityError:
        return False
    Article.objects.filter(pk=article.pk).update(views=F("views") + 1)
    return True


def _view_record_in_one_statement(article_pk: int, session_key: str) -> bool:
    # PostgreSQL: the reading row and the counter in one statement, so one commit per reading
    # (every new reader of the portal writes; the two-step way costs two commits). Outside a
    # caller's transaction that commit does not wait for the disk (synchronous_commit off for
    # the statement's own transaction): a crash of the database server may lose the last
    # moments of readings, rows and counts together, which a view counter can afford.
    # Inside one, the setting would reach the caller's other writes, so it is left alone.
    reading = "VALUES (%s, %s, now())"
    asynchronous = ""
    if not connection.in_atomic_block:
        asynchronous = "asynchronous AS (SELECT set_config('synchronous_commit', 'off', true)),"
        reading = "SELECT %s, %s, now() FROM asynchronous"
    sql = f"""
        WITH {asynchronous} counted AS (
            INSERT INTO {ArticleView._meta.db_table} (article_id, session_key, created_at)
            {reading}
            ON CONFLICT (article_id, session_key) DO NOTHING
            RETURNING article_id
        )
        UPDATE {Article._meta.db_table} SET views = views + 1
        WHERE id IN (SELECT article_id FROM counted)
    """  # table names come from the models; the values are parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, [article_pk, session_key])
        return cursor.rowcount == 1
