"""A tiny domain used by the shared package's tests."""

import asyncio

from beanie import PydanticObjectId
from fastapi import APIRouter, Depends, Request, status
from pydantic import Field
from pymongo import IndexModel

from quant_shared.auth import Principal, require_admin, require_user
from quant_shared.document import OwnedDocument
from quant_shared.domain import DomainSpec
from quant_shared.errors import NotFoundError
from quant_shared.pagination import Page, PageParams, page_params, paginate
from quant_shared.schema import BaseSchema
from quant_shared.tasks import TaskAccepted, TaskContext


class Widget(OwnedDocument):
    name: str
    size: int

    class Settings:
        name = "widgets"
        indexes = [IndexModel("name", unique=True)]


class WidgetIn(BaseSchema):
    name: str = Field(min_length=1, max_length=40)
    size: int = Field(ge=1, le=100)


class WidgetOut(BaseSchema):
    id: str
    name: str
    size: int

    @classmethod
    def of(cls, w: Widget) -> "WidgetOut":
        return cls(id=str(w.id), name=w.name, size=w.size)


router = APIRouter(prefix="/widgets", tags=["Widgets"])


@router.post("", response_model=WidgetOut, status_code=201)
async def create_widget(body: WidgetIn, principal: Principal = Depends(require_user)) -> WidgetOut:
    widget = Widget(owner_id=principal.user_id, **body.model_dump())
    await widget.insert()
    return WidgetOut.of(widget)


@router.get("", response_model=Page[WidgetOut])
async def list_widgets(
    params: PageParams = Depends(page_params), principal: Principal = Depends(require_user)
):
    return await paginate(
        Widget.find(Widget.owner_id == principal.user_id), params, sort="name", convert=WidgetOut.of
    )


@router.get("/{widget_id}", response_model=WidgetOut)
async def get_widget(widget_id: PydanticObjectId, principal: Principal = Depends(require_user)) -> WidgetOut:
    widget = await Widget.get(widget_id)
    if widget is None or widget.owner_id != principal.user_id:
        raise NotFoundError("Widget not found")
    return WidgetOut.of(widget)


@router.delete("/admin/all", status_code=204)
async def delete_all(principal: Principal = Depends(require_admin)) -> None:
    await Widget.find_all().delete()


@router.post("/jobs", response_model=TaskAccepted, status_code=status.HTTP_202_ACCEPTED)
async def start_job(
    request: Request, steps: int = 3, fail: bool = False, principal: Principal = Depends(require_user)
) -> TaskAccepted:
    async def job(ctx: TaskContext) -> dict:
        for i in range(steps):
            await asyncio.sleep(0.05)
            await ctx.progress((i + 1) / steps, f"step {i + 1}")
        if fail:
            raise ValueError("the job was told to fail")
        return {"steps": steps}

    task = await request.app.state.task_runner.submit(
        kind="job", domain="sample", owner_id=principal.user_id, fn=job
    )
    return TaskAccepted(task_id=str(task.id), status_url=f"/tasks/{task.id}")


DOMAIN = DomainSpec(
    name="sample",
    router=router,
    documents=[Widget],
    tags=[{"name": "Widgets", "description": "Test widgets."}],
)
