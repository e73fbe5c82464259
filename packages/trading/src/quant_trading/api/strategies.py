"""``/strategies``: a user's strategies (CRUD) and creating one from a template."""

from fastapi import APIRouter, Depends, Query, Response, status

from quant_shared.auth import Principal, require_user
from quant_shared.enums import StrategyType
from quant_shared.pagination import Page, PageParams, page_params, paginate
from quant_trading.models import StrategyExecution
from quant_trading.schemas.performance import StrategyExecutionOut, StrategyPerformanceOut
from quant_trading.schemas.strategy import StrategyCreate, StrategyFromTemplate, StrategyOut, StrategyUpdate
from quant_trading.services.backtests.performance_service import performance_of
from quant_trading.services.strategies.strategy_service import StrategyService
from quant_trading.services.strategies.template_service import TemplateService

router = APIRouter(prefix="/strategies", tags=["Strategies"])


@router.post("", response_model=StrategyOut, status_code=status.HTTP_201_CREATED, summary="Create a strategy")
async def create_strategy(body: StrategyCreate, principal: Principal = Depends(require_user)) -> StrategyOut:
    return StrategyOut.of(await StrategyService(principal.user_id).create(body))


@router.post(
    "/from-template",
    response_model=StrategyOut,
    status_code=status.HTTP_201_CREATED,
    summary="Create a strategy from a built-in or own template",
)
async def create_strategy_from_template(
    body: StrategyFromTemplate, principal: Principal = Depends(require_user)
) -> StrategyOut:
    create, template_id = await TemplateService(principal.user_id).strategy_from(body)
    return StrategyOut.of(await StrategyService(principal.user_id).create(create, template_id=template_id))


@router.get("", response_model=Page[StrategyOut], summary="List your strategies, newest first")
async def list_strategies(
    params: PageParams = Depends(page_params),
    strategy_type: StrategyType | None = Query(None),
    principal: Principal = Depends(require_user),
) -> dict:
    query = StrategyService(principal.user_id).query(strategy_type)
    return await paginate(query, params, sort=[("created_at", -1)], convert=StrategyOut.of)


@router.get("/{strategy_id}", response_model=StrategyOut, summary="One of your strategies")
async def get_strategy(strategy_id: str, principal: Principal = Depends(require_user)) -> StrategyOut:
    return StrategyOut.of(await StrategyService(principal.user_id).get(strategy_id))


@router.get(
    "/{strategy_id}/performance",
    response_model=StrategyPerformanceOut,
    summary="Running summary of the strategy's completed backtests",
)
async def get_strategy_performance(
    strategy_id: str, principal: Principal = Depends(require_user)
) -> StrategyPerformanceOut:
    strategy = await StrategyService(principal.user_id).get(strategy_id)
    return await performance_of(strategy)


@router.get(
    "/{strategy_id}/executions",
    response_model=Page[StrategyExecutionOut],
    summary="The strategy's backtests and signal reads, newest first",
)
async def list_strategy_executions(
    strategy_id: str, params: PageParams = Depends(page_params), principal: Principal = Depends(require_user)
) -> dict:
    strategy = await StrategyService(principal.user_id).get(strategy_id)
    query = StrategyExecution.find({"strategy_id": str(strategy.id)})
    convert = lambda e: StrategyExecutionOut(**e.model_dump(include=set(StrategyExecutionOut.model_fields)))  # noqa: E731
    return await paginate(query, params, sort=[("executed_at", -1)], convert=convert)


@router.patch("/{strategy_id}", response_model=StrategyOut, summary="Change a strategy (re-validated)")
async def update_strategy(
    strategy_id: str, body: StrategyUpdate, principal: Principal = Depends(require_user)
) -> StrategyOut:
    return StrategyOut.of(await StrategyService(principal.user_id).update(strategy_id, body))


@router.delete("/{strategy_id}", status_code=status.HTTP_204_NO_CONTENT, summary="Delete a strategy")
async def delete_strategy(strategy_id: str, principal: Principal = Depends(require_user)) -> Response:
    await StrategyService(principal.user_id).delete(strategy_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
