"""The editor pages: writers draft articles and give them photos, reviewers return, publish or
withdraw them, and both see a preview as readers would.

Access: an article the user may not open at all (`permissions.editable_q`) is a 404, whatever
the address guessed; one they may open but not act on is a 403 for that action. The services
check the workflow (a published article is not edited, only a reviewed one is published …).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from thidua.core.errors import DomainError
from thidua.core.text import fold
from thidua.news import permissions, photos, services
from thidua.news.editor_forms import (
    ArticleForm,
    PhotoEditForm,
    PhotoForm,
    PublishForm,
    ReturnForm,
    WithdrawForm,
)
from thidua.news.models import Article, Photo
from thidua.news.views.public import photo_response
from thidua.org.scope import scope_for
from thidua.org.views.common import form_data, submit

Status = Article.Status
PAGE_SIZE = 20
TABS = {
    "drafts": gettext_lazy("Drafts"),
    "review": gettext_lazy("Awaiting review"),
    "published": gettext_lazy("Published"),
    "scheduled": gettext_lazy("Scheduled"),
}


# ---- access and reads --------------------------------------------------------------------


def article_for(user: Any, pk: int) -> Article:
    """The article if the user may open it in the editor, else 404."""
    found = Article.objects.filter(permissions.editable_q(user)).select_related("unit", "author")
    return get_object_or_404(found, pk=pk)


def _tab_rows(user: Any, tab: str, query: str) -> QuerySet[Article]:
    now = timezone.now()
    rows = Article.objects.filter(permissions.editable_q(user)).select_related("unit", "author")
    for word in fold(query).split():
        rows = rows.filter(search_text__contains=word)
    if tab == "review":
        rows = rows.filter(status=Status.REVIEW)
        if scope_for(user).is_admin:
            return rows.order_by("updated_at", "pk")
        mine = Case(
            When(permissions.reviewable_q(user), then=Value(0)),
            default=Value(1), output_field=IntegerField(),
        )  # fmt: skip
        return rows.annotate(mine=mine).order_by("mine", "updated_at", "pk")
    if tab == "published":
        return rows.filter(status=Status.PUBLISHED, publish_at__lte=now)
    if tab == "scheduled":
        return rows.filter(status=Status.PUBLISHED, publish_at__gt=now).order_by("publish_at")
    return rows.filter(status=Status.DRAFT).order_by("-updated_at", "-pk")


@login_required
def editor(request: HttpRequest) -> HttpResponse:
    tab = request.GET.get("tab", "drafts")
    tab = tab if tab in TABS else "drafts"
    query = request.GET.get("q", "").strip()[:200]
    page = Paginator(_tab_rows(request.user, tab, query), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "tabs": TABS.items(),
        "tab": tab,
        "query": query,
        "page": page,
        "may_write": permissions.may_write(request.user),
    }
    return render(request, "news/editor/list.html", context)


# ---- the article form --------------------------------------------------------------------


def _save(user: Any, article: Article | None) -> Callable[[dict[str, Any]], Article]:
    return lambda data: services.article_save(by=user, article=article, **data)


@login_required
def editor_new(request: HttpRequest) -> HttpResponse:
    if not permissions.may_write(request.user):
        raise PermissionDenied(_("You do not have permission to do this."))
    form = ArticleForm(form_data(request), user=request.user)
    done, article = submit(request, form, _save(request.user, None))
    if done:
        messages.success(request, _("The draft is saved."))
        return redirect("news:editor_edit", pk=article.pk)
    return render(request, "news/editor/edit.html", {"form": form, "article": None})


@login_required
def editor_edit(request: HttpRequest, pk: int) -> HttpResponse:
    article = article_for(request.user, pk)
    may_change = permissions.may_edit(request.user, article) and article.status != Status.PUBLISHED
    if request.method == "POST" and not may_change:
        raise PermissionDenied(_("You do not have permission to do this."))
    form = ArticleForm(form_data(request), user=request.user, article=article)
    done, _saved = submit(request, form, _save(request.user, article))
    if done:
        messages.success(request, _("The article is saved."))
        return redirect("news:editor_edit", pk=article.pk)
    return _edit_page(request, article, form=form)


def _edit_page(
    request: HttpRequest, article: Article, status: int = 200, **forms: Any
) -> HttpResponse:
    user = request.user
    may_edit = permissions.may_edit(user, article)
    read_only = not may_edit or article.status == Status.PUBLISHED
    form = forms.get("form") or ArticleForm(user=user, article=article)
    for field in form.fields.values() if read_only else ():
        field.disabled = True
    context = {
        "article": article,
        "may_edit": may_edit,
        "may_review": permissions.may_review(user, article),
        "read_only": read_only,
        "photos": list(article.photos.all()),
        "form": form,
        "photo_form": forms.get("photo_form") or PhotoForm(),
        "return_form": forms.get("return_form") or ReturnForm(),
        "publish_form": forms.get("publish_form") or PublishForm(),
        "withdraw_form": forms.get("withdraw_form") or WithdrawForm(),
        "scheduled": article.status == Status.PUBLISHED and article.publish_at > timezone.now(),
    }
    return render(request, "news/editor/edit.html", context, status=status)


@login_required
def editor_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The article as readers would see it, drafts too; never counts a view."""
    article = article_for(request.user, pk)
    user = request.user
    if not (permissions.may_edit(user, article) or permissions.may_review(user, article)):
        raise Http404
    context = {"article": article, "photos": list(article.photos.all())}
    return render(request, "news/editor/preview.html", context)


@login_required
def editor_photo_file(request: HttpRequest, pk: int, photo_pk: int) -> FileResponse:
    """A photo of an article the user may open (drafts' photos are not on the portal yet)."""
    article = article_for(request.user, pk)
    photo = get_object_or_404(Photo, pk=photo_pk, article=article)
    return photo_response(photo, cache_control="private, no-store")


# ---- the workflow actions ----------------------------------------------------------------


def _act(
    request: HttpRequest, pk: int, *, allowed: Callable[[Any, Article], bool],
    form_name: str | None, form_class: type | None, run: Callable[[Article, dict], Any],
    done: str,
) -> HttpResponse:  # fmt: skip
    """Check access, parse the small form, run the service; a refusal re-shows the page with
    the form as typed and the service's message."""
    article = article_for(request.user, pk)
    if not allowed(request.user, article):
        raise PermissionDenied(_("You do not have permission to do this."))
    form = form_class(request.POST) if form_class else None
    if form is not None and not form.is_valid():
        return _edit_page(request, article, status=400, **{form_name: form})
    try:
        run(article, form.cleaned_data if form else {})
    except DomainError as exc:
        messages.error(request, " ".join(exc.messages))
        if form is not None:
            form.add_refusal(exc)
            return _edit_page(request, article, status=400, **{form_name: form})
    else:
        messages.success(request, done)
    return redirect("news:editor_edit", pk=pk)


@require_POST
@login_required
def editor_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request, pk, allowed=permissions.may_edit, form_name=None, form_class=None,
        run=lambda article, _data: services.article_submit(article=article, by=request.user),
        done=_("The article is sent for review."),
    )  # fmt: skip


@require_POST
@login_required
def editor_return(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request, pk, allowed=permissions.may_review, form_name="return_form",
        form_class=ReturnForm,
        run=lambda article, data: services.article_return(
            article=article, by=request.user, note=data["note"]
        ),
        done=_("The article is returned to its author."),
    )  # fmt: skip


@require_POST
@login_required
def editor_publish(request: HttpRequest, pk: int) -> HttpResponse:
    def run(article: Article, data: dict) -> Article:
        return services.article_publish(article=article, by=request.user, at=data["at"])

    return _act(
        request, pk, allowed=permissions.may_review, form_name="publish_form",
        form_class=PublishForm, run=run, done=_("The article is published."),
    )  # fmt: skip


@require_POST
@login_required
def editor_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    def run(article: Article, data: dict) -> Article:
        return services.article_withdraw(article=article, by=request.user, reason=data["reason"])

    return _act(
        request, pk, allowed=permissions.may_review, form_name="withdraw_form",
        form_class=WithdrawForm, run=run,
        done=_("The article is withdrawn from the portal; it is a draft again."),
    )  # fmt: skip


# ---- photos ------------------------------------------------------------------------------


@require_POST
@login_required
def editor_photo_add(request: HttpRequest, pk: int) -> HttpResponse:
    def run(article: Article, data: dict) -> Photo:
        return photos.photo_add(
            article=article, upload=data["image"], caption=data["caption"],
            credit=data["credit"], by=request.user,
        )  # fmt: skip

    article = article_for(request.user, pk)
    if not permissions.may_edit(request.user, article):
        raise PermissionDenied(_("You do not have permission to do this."))
    form = PhotoForm(request.POST, request.FILES)
    done, _photo = submit(request, form, lambda data: run(article, data))
    if not done:
        return _edit_page(request, article, status=400, photo_form=form)
    messages.success(request, _("The photo is added."))
    return redirect("news:editor_edit", pk=pk)


@require_POST
@login_required
def editor_photo(request: HttpRequest, pk: int, photo_pk: int) -> HttpResponse:
    """Change a photo's caption, credit and order, or remove it (`remove` ticked)."""
    article = article_for(request.user, pk)
    if not permissions.may_edit(request.user, article):
        raise PermissionDenied(_("You do not have permission to do this."))
    photo = get_object_or_404(Photo.objects.select_related("article"), pk=photo_pk, article=article)
    form = PhotoEditForm(request.POST)
    try:
        if form.is_valid() and form.cleaned_data["remove"]:
            photos.photo_remove(photo=photo, by=request.user)
            messages.success(request, _("The photo is removed."))
        elif form.is_valid():
            data = form.cleaned_data
            photos.photo_update(
                photo=photo, caption=data["caption"], credit=data["credit"],
                order=data["order"], by=request.user,
            )  # fmt: skip
            messages.success(request, _("The photo is saved."))
        else:
            messages.error(request, _("Check the photo's fields."))
    except DomainError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("news:editor_edit", pk=pk)


PREFIX = "tin-tuc/bien-tap/"
urlpatterns = [
    path(PREFIX, editor, name="editor"),
    path(f"{PREFIX}moi/", editor_new, name="editor_new"),
    path(f"{PREFIX}<int:pk>/", editor_edit, name="editor_edit"),
    path(f"{PREFIX}<int:pk>/xem-truoc/", editor_preview, name="editor_preview"),
    path(f"{PREFIX}<int:pk>/gui-duyet/", editor_submit, name="editor_submit"),
    path(f"{PREFIX}<int:pk>/tra-lai/", editor_return, name="editor_return"),
    path(f"{PREFIX}<int:pk>/dang/", editor_publish, name="editor_publish"),
    path(f"{PREFIX}<int:pk>/go/", editor_withdraw, name="editor_withdraw"),
    path(f"{PREFIX}<int:pk>/anh/", editor_photo_add, name="editor_photo_add"),
    path(f"{PREFIX}<int:pk>/anh/<int:photo_pk>/", editor_photo, name="editor_photo"),
    path(f"{PREFIX}<int:pk>/anh/<int:photo_pk>/tep/", editor_photo_file, name="editor_photo_file"),
]
