"""Print a paper: its options and format buttons, then the file (or a job for large ones)."""

import unicodedata
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from thidua.core.errors import DomainError
from thidua.documents import render as exporters
from thidua.documents.jobs import options_form, options_from, paper_job_start
from thidua.documents.registry import PaperDefinition, definition
from thidua.nominations.models import Decision
from thidua.nominations.selectors.decisions import decision_visible

FORMATS = ("docx", "pdf", "xlsx")
# Models whose pages hide more than their view permission does: a draft decision exists only
# for those who may issue it (404 for everyone else, like its own page).
VISIBLE: dict[type, Callable[[Any, Any], bool]] = {Decision: decision_visible}


def _paper_for(request: HttpRequest, kind: str, pk: int) -> tuple[PaperDefinition, Any]:
    """The definition and its record: 404 unless the record is visible, 403 unless printable."""
    try:
        paper_definition = definition(kind)
    except KeyError:
        raise Http404 from None
    model = paper_definition.source
    record = model._default_manager.filter(pk=pk).first()
    if record is None:
        raise Http404
    if paper_definition.can_print(request.user, record):
        return paper_definition, record
    visible = VISIBLE.get(model)
    if visible is not None:
        seen = visible(request.user, record)
    else:
        opts = model._meta
        seen = request.user.has_perm(f"{opts.app_label}.view_{opts.model_name}", record)
    if not seen:
        raise Http404
    raise PermissionDenied(_("You do not have permission to print this paper."))


@login_required
def paper_page(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    paper_definition, record = _paper_for(request, kind, pk)
    form = None
    if paper_definition.options_form is not None:
        form = options_form(paper_definition, None, request.user)
    return _page(request, paper_definition, record, form)


@login_required
def paper_file(request: HttpRequest, kind: str, pk: int, fmt: str) -> HttpResponse:
    """The file right away, or a background job for a PDF or a large paper."""
    paper_definition, record = _paper_for(request, kind, pk)
    if fmt not in FORMATS:
        raise Http404
    data = _posted_options(request)
    if paper_definition.options_form is not None:
        if request.method != "POST":
            return redirect("documents:paper", kind=kind, pk=pk)
        form = options_form(paper_definition, request.POST, request.user)
        if not form.is_valid():
            return _page(request, paper_definition, record, form)
    try:
        if fmt == "pdf":  # LibreOffice takes seconds: always in the background
            return _queued(request, paper_definition, record, fmt, data)
        options = options_from(paper_definition, data, request.user)
        paper = paper_definition.gather(record, request.user, options)
        if exporters.row_count(paper) > getattr(settings, "DOCUMENTS_SYNC_ROWS", 300):
            return _queued(request, paper_definition, record, fmt, data)
        content = exporters.export(paper, fmt)
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("documents:paper", kind=kind, pk=pk)
    return _file_response(content, fmt, paper.filename or kind)


def _page(request: HttpRequest, paper_definition: PaperDefinition, record: Any,
          form: Any) -> HttpResponse:  # fmt: skip
    context = {"definition": paper_definition, "record": record, "form": form,
               "formats": FORMATS}  # fmt: skip
    return render(request, "documents/paper.html", context)


def _posted_options(request: HttpRequest) -> dict[str, list[str]]:
    if request.method != "POST":
        return {}
    return {key: values for key, values in request.POST.lists() if key != "csrfmiddlewaretoken"}


def _queued(request: HttpRequest, paper_definition: PaperDefinition, record: Any, fmt: str,
            data: dict) -> HttpResponse:  # fmt: skip
    job = paper_job_start(
        definition_=paper_definition, record=record, fmt=fmt, data=data, by=request.user
    )
    messages.info(request, _("The file is being prepared; it can be downloaded here when ready."))
    return redirect("job_detail", pk=job.pk)


def _file_response(content: bytes, fmt: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=exporters.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = attachment_header(f"{filename}.{fmt}")
    return response


def attachment_header(filename: str) -> str:
    """RFC 6266/5987: an ASCII name for old clients, then the Vietnamese name (filename*)."""
    plain = unicodedata.normalize("NFKD", filename.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in plain if ch.isascii() and ch not in '"\\\r\n')
    return f"attachment; filename=\"{plain}\"; filename*=utf-8''{quote(filename)}"


# Under "papers/": "documents/<kind>/<pk>/" would shadow "documents/exchange/<pk>/" and
# "documents/certificates/<pk>/" of the other pages of this app.
urlpatterns = [
    path("documents/papers/<slug:kind>/<int:pk>/", paper_page, name="paper"),
    path("documents/papers/<slug:kind>/<int:pk>/<slug:fmt>/", paper_file, name="paper_file"),
]
