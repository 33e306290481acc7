"""Every list is paged: `?page=2&page_size=100` (50 by default, 200 at most).

ninja's PageNumberPagination, with the bounds in the schema (a larger page is refused with 422
rather than silently cut, and the page number is bounded so the offset stays a sane number for
the database) and the page's number and size repeated in the answer.
"""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

PAGE_SIZE, MAX_PAGE_SIZE = 50, 200
MAX_PAGE = 1_000_000


class Pagination(PageNumberPagination):
    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE, description="Page number, from 1.")
        page_size: int = Field(
            PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Items per page (at most 200)."
        )

    class Output(Schema):
        items: list[Any]
        count: int = Field(description="Items on all pages together.")
        page: int
        page_size: int

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE, **kwargs)

    def paginate_queryset(
        self, queryset: QuerySet, pagination: Input, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        found = super().paginate_queryset(queryset, pagination, request, **params)
        size = self._get_page_size(pagination.page_size)
        return {**found, "page": pagination.page, "page_size": size}
