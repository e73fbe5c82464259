"""``/tasks``: follow, list and cancel your own long-running work."""

from beanie import PydanticObjectId
from fastapi import APIRouter, Depends, Query, status

from quant_shared.auth import Principal, require_user
from quant_shared.enums import TaskStatus
from quant_shared.errors import ConflictError, NotFoundError
from quant_shared.pagination import Page, PageParams, page_params, paginate
from quant_shared.tasks.model import Task, TaskOut

router = APIRouter(prefix="/tasks", tags=["System"])


async def _own_task(task_id: PydanticObjectId, principal: Principal) -> Task:
    task = await Task.get(task_id)
    if task is None or (task.owner_id != principal.user_id and not principal.is_admin):
        raise NotFoundError(f"Task {task_id} not found")
    return task


@router.get("", response_model=Page[TaskOut], summary="List your tasks, newest first")
async def list_tasks(
    params: PageParams = Depends(page_params),
    status_: TaskStatus | None = Query(None, alias="status"),
    kind: str | None = Query(None, max_length=64),
    principal: Principal = Depends(require_user),
) -> dict:
    filters: dict = {"owner_id": principal.user_id}
    if status_:
        filters["status"] = status_
    if kind:
        filters["kind"] = kind
    return await paginate(Task.find(filters), params, sort=[("created_at", -1)], convert=TaskOut.of)


@router.get("/{task_id}", response_model=TaskOut, summary="Status and progress of one task")
async def get_task(task_id: PydanticObjectId, principal: Principal = Depends(require_user)) -> TaskOut:
    return TaskOut.of(await _own_task(task_id, principal))


@router.post(
    "/{task_id}/cancel",
    response_model=TaskOut,
    status_code=status.HTTP_202_ACCEPTED,
    summary="Ask a pending or running task to stop",
)
async def cancel_task(task_id: PydanticObjectId, principal: Principal = Depends(require_user)) -> TaskOut:
    task = await _own_task(task_id, principal)
    if task.status.is_final:
        raise ConflictError(f"Task is already {task.status.value}")
    await Task.find_one(Task.id == task.id).update({"$set": {"cancel_requested": True}})
    task.cancel_requested = True
    return TaskOut.of(task)
