"""Evidence files behind a report: checked by content, stored under a random name, never served
by the web server (a view checks scope and sends them as attachments).

A file is accepted only when its content is one of the office formats below AND agrees with the
extension of its name: a ".pdf" that is really a picture, a web page or a program is refused,
so no one downloads something other than what the list shows. Web pages, SVG and scripts are
never accepted: a browser could run them.
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO, Any, NoReturn

import filetype
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.campaigns.models import Evidence, IndicatorReport
from thidua.campaigns.models.files import CheckedFile
from thidua.campaigns.services.reports import EDITABLE_ON_PAGE
from thidua.core.audit import actor, save_audited
from thidua.core.errors import DomainError

PDF = "application/pdf"
DOC = "application/msword"
XLS = "application/vnd.ms-excel"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
# Extension → the one type its content must have.
TYPE_BY_EXTENSION = {
    ".pdf": PDF, ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png",
    ".doc": DOC, ".xls": XLS, ".docx": DOCX, ".xlsx": XLSX, ".odt": ODT, ".ods": ODS,
}  # fmt: skip
ACCEPTED_TYPES = frozenset(TYPE_BY_EXTENSION.values())
# Word 97-2003 and Excel 97-2003 are both OLE2 compound files; filetype names them only when it
# finds their inner markers, so an OLE2 file named .doc or .xls is taken at its name unless
# filetype recognises it as the other one.
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HEADER_BYTES = 8192
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def max_bytes() -> int:
    return int(getattr(settings, "THIDUA_EVIDENCE_MAX_BYTES", DEFAULT_MAX_BYTES))


def _refuse(message: str, code: str) -> NoReturn:
    raise DomainError(message, field="uploaded_file", code=code)


def detect_type(file: IO[bytes], name: str) -> str:
    """The file's type read from its content, checked against its name; refuses otherwise."""
    extension = PurePath(name).suffix.lower()
    expected = TYPE_BY_EXTENSION.get(extension)
    if expected is None:
        _refuse(
            _("Only PDF, JPEG, PNG, Word, Excel and OpenDocument files are accepted."), "file_type"
        )
    file.seek(0)
    header = file.read(HEADER_BYTES)
    file.seek(0)
    found = filetype.guess_mime(header)
    if found is None and header.startswith(OLE2_MAGIC) and expected in (DOC, XLS):
        found = expected
    if found == "application/zip" and expected in (DOCX, XLSX, ODT, ODS):
        found = _zipped_office_type(file)
    if found != expected:
        _refuse(
            _("“%(name)s” is not what its name says: its content is not a %(extension)s file.")
            % {"name": name, "extension": extension.lstrip(".").upper()},
            "file_content",
        )
    return expected


def _zipped_office_type(file: IO[bytes]) -> str | None:
    """Office files whose parts are stored in an order filetype does not look for."""
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                declared = archive.read("mimetype").decode("ascii", "replace").strip()
                return declared if declared in (ODT, ODS) else None
            if "[Content_Types].xml" in names:
                if "word/document.xml" in names:
                    return DOCX
                if "xl/workbook.xml" in names:
                    return XLSX
    except zipfile.BadZipFile:
        return None
    finally:
        file.seek(0)
    return None


def _sha256(file: UploadedFile) -> str:
    digest = hashlib.sha256()
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def check_editable(report: IndicatorReport) -> None:
    if report.status not in EDITABLE_ON_PAGE or report.period.is_closed:
        raise DomainError(
            _("Evidence can be added or removed only while the report is a draft or returned "
              "for correction, and its period is open."),
            code="locked",
        )  # fmt: skip


@dataclass(frozen=True)
class CheckedUpload:
    name: str  # the uploaded file's own name, kept only as data
    content_type: str
    size: int
    sha256: str


def check_upload(uploaded_file: UploadedFile) -> CheckedUpload:
    """Size and content checks shared by every private document upload (evidence, a movement's
    attached documents): refuses with a clear message, else says what the file is."""
    name = PurePath(uploaded_file.name or "").name
    if not uploaded_file.size:
        _refuse(_("The file is empty."), "file_empty")
    limit = max_bytes()
    if uploaded_file.size > limit:
        _refuse(
            _("The file is %(size)s; files up to %(limit)s are accepted.")
            % {"size": filesizeformat(uploaded_file.size), "limit": filesizeformat(limit)},
            "file_size",
        )
    content_type = detect_type(uploaded_file, name)
    return CheckedUpload(name[:255], content_type, uploaded_file.size, _sha256(uploaded_file))


def store_checked(record: CheckedFile, uploaded_file: UploadedFile, *, by: Any) -> None:
    """Check the file, then save the record with what the check found and the file under the
    model's random name; a refused row leaves no file behind."""
    checked = check_upload(uploaded_file)
    record.original_name, record.content_type = checked.name, checked.content_type
    record.size, record.sha256, record.uploaded_by = checked.size, checked.sha256, actor(by)
    record.file.save(PurePath(uploaded_file.name or "").name, uploaded_file, save=False)
    stored = record.file.name
    try:
        save_audited(record, by=by)
    except Exception:
        record.file.storage.delete(stored)
        raise


@transaction.atomic
def evidence_add(
    *, report: IndicatorReport, uploaded_file: UploadedFile, description: str = "", by: Any
) -> Evidence:
    """Attach a file to a report the unit may still change."""
    check_editable(report)
    evidence = Evidence(report=report, description=description.strip())
    store_checked(evidence, uploaded_file, by=by)
    return evidence


@transaction.atomic
def evidence_remove(*, evidence: Evidence, by: Any, reason: str = "") -> Evidence:
    """Take a file off the report. It is kept (and its history) but no longer listed or served."""
    evidence = (
        Evidence.objects.select_for_update().select_related("report__period").get(pk=evidence.pk)
    )
    if evidence.removed_at is not None:
        return evidence
    check_editable(evidence.report)
    evidence.removed_at = timezone.now()
    save_audited(evidence, by=by, reason=reason.strip() or _("Evidence removed"))
    return evidence
