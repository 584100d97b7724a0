"""Links between the pages of a list: `next` and `previous` keep the request's own filters."""

from collections.abc import Mapping
from urllib.parse import urlencode

from pydantic import BaseModel, Field


class PageLinks(BaseModel):
    """The neighbouring pages of a list (null at either end)."""

    next: str | None = Field(default=None, examples=["/initiatives?focus_area=IO2&page=2&page_size=10"])
    previous: str | None = Field(default=None, examples=[None])


def page_links(path: str, query: Mapping[str, str], *, page: int, page_size: int, count: int) -> PageLinks:
    """`next` while items remain after this page, `previous` from page 2 on (with the same filters)."""

    def link(number: int) -> str:
        params = {key: value for key, value in query.items() if key not in ("page", "page_size")}
        params |= {"page": str(number), "page_size": str(page_size)}
        return f"{path}?{urlencode(sorted(params.items()))}"

    return PageLinks(
        next=link(page + 1) if page * page_size < count else None,
        previous=link(page - 1) if page > 1 else None,
    )
