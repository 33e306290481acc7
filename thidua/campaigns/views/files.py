"""Sending a checked private file: always an attachment, never something a browser opens."""

from django.http import FileResponse, Http404

from thidua.campaigns.models.files import CheckedFile
from thidua.campaigns.services.evidence import ACCEPTED_TYPES


def attachment_response(record: CheckedFile) -> FileResponse:
    """The file as an attachment of the type found in its content (the caller checked scope)."""
    try:
        handle = record.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    accepted = record.content_type in ACCEPTED_TYPES
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=record.original_name,
        content_type=record.content_type if accepted else "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
