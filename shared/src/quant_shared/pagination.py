"""Generic page model and its query parameters."""

from typing import Any, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel, Field

# beyond any real collection; larger skips overflow the server's 64-bit counters (a 500, not a 4xx)
MAX_OFFSET = 1_000_000_000


class PageParams(BaseModel):
    limit: int = Field(default=50, ge=1, le=500)
    offset: int = Field(default=0, ge=0, le=MAX_OFFSET)


async def page_params(
    limit: int = Query(50, ge=1, le=500, description="Page size (1-500)."),
    offset: int = Query(0, ge=0, le=MAX_OFFSET, description="Items to skip."),
) -> PageParams:
    return PageParams(limit=limit, offset=offset)


T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int = Field(ge=0)
    limit: int
    offset: int


async def paginate(query: Any, params: PageParams, sort: Any = None, convert: Any = None) -> dict:
    """Run a Beanie find query as one page; ``convert`` maps each document to its response model.

    The total is counted only when the page does not give it: a page shorter than ``limit`` that
    holds something (or starts at 0) ends the list, so ``offset + len(page)`` is the total."""
    filters = query.get_filter_query()
    if sort is not None:
        query = query.sort(sort)
    docs = await query.skip(params.offset).limit(params.limit).to_list()
    if len(docs) < params.limit and (docs or params.offset == 0):
        total = params.offset + len(docs)
    else:
        total = await query.document_model.get_pymongo_collection().count_documents(filters)
    items = [convert(d) for d in docs] if convert else docs
    return {"items": items, "total": total, "limit": params.limit, "offset": params.offset}
