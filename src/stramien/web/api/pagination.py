"""Pages of lists: ``page`` and ``pageSize`` in the query, links to self, first, previous,
next and last page in the body (``_links``) and in a ``Link`` header."""

from __future__ import annotations

from typing import Any

from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param


class Pages(PageNumberPagination):
    page_query_param = "page"
    page_size_query_param = "pageSize"
    page_size = 25
    max_page_size = 100

    def _link(self, number: int | None) -> dict[str, str] | None:
        if number is None:
            return None

        url = self.request.build_absolute_uri()
        return {"href": replace_query_param(url, self.page_query_param, number)}

    def get_paginated_response(self, data: Any) -> Response:
        page = self.page
        assert page is not None
        found = {
            "self": self._link(page.number),
            "first": self._link(1),
            "prev": self._link(page.previous_page_number() if page.has_previous() else None),
            "next": self._link(page.next_page_number() if page.has_next() else None),
            "last": self._link(page.paginator.num_pages),
        }
        links = {name: link for name, link in found.items() if link is not None}
        header = ", ".join(f'<{link["href"]}>; rel="{name}"' for name, link in links.items())
        return Response(
            {
                "_links": links,
                "totalItems": page.paginator.count,
                "page": page.number,
                "pageSize": page.paginator.per_page,
                "results": data,
            },
            headers={"Link": header},
        )

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        link = {
            "type": "object",
            "properties": {"href": {"type": "string", "format": "uri"}},
            "required": ["href"],
        }
        return {
            "type": "object",
            "required": ["_links", "totalItems", "page", "pageSize", "results"],
            "properties": {
                "_links": {
                    "type": "object",
                    "properties": {
                        name: link for name in ("self", "first", "prev", "next", "last")
                    },
                    "required": ["self", "first", "last"],
                },
                "totalItems": {"type": "integer", "minimum": 0},
                "page": {"type": "integer", "minimum": 1},
                "pageSize": {"type": "integer", "minimum": 1},
                "results": schema,
            },
        }
