"""``/strategies``: a user's strategies (CRUD) and creating one from a template."""

from fastapi import APIRouter, Depends, Query, Response, status

from quant_shared.enums import StrategyType
from quant_shared.events.outbox_dep import OutboxDep, send_now
from quant_shared.pagination import Page, PageParams, page_params, paginate
from quant_trading.api.deps import MlExperimentsClientDep, StrategyServiceDep
from quant_trading.schemas.performance import StrategyExecutionOut, StrategyPerformanceOut
from quant_trading.schemas.strategy import (
    StrategyCreate,
    StrategyExperimentOut,
    StrategyFromTemplate,
    StrategyOut,
    StrategyUpdate,
)

router = APIRouter(prefix="/strategies", tags=["Strategies"])


@router.post("", response_model=StrategyOut, status_code=status.HTTP_201_CREATED, summary="Create a strategy")
async def create_strategy(body: StrategyCreate, strategies: StrategyServiceDep) -> StrategyOut:
    return StrategyOut.of(await strategies.create(body))


@router.post(
    "/from-template",
    response_model=StrategyOut,
    status_code=status.HTTP_201_CREATED,
    summary="Create a strategy from a built-in or own template",
)
async def create_strategy_from_template(
    body: StrategyFromTemplate, strategies: StrategyServiceDep
) -> StrategyOut:
    return StrategyOut.of(await strategies.create_from_template(body))


@router.get("", response_model=Page[StrategyOut], summary="List your strategies, newest first")
async def list_strategies(
    strategies: StrategyServiceDep,
    params: PageParams = Depends(page_params),
    strategy_type: StrategyType | None = Query(None),
) -> dict:
    return await paginate(strategies.query(strategy_type), params, convert=StrategyOut.of)


@router.get("/{strategy_id}", response_model=StrategyOut, summary="One of your strategies")
async def get_strategy(strategy_id: str, strategies: StrategyServiceDep) -> StrategyOut:
    return StrategyOut.of(await strategies.get(strategy_id))


@router.get(
    "/{strategy_id}/performance",
    response_model=StrategyPerformanceOut,
    summary="Running summary of the strategy's completed backtests",
)
async def get_strategy_performance(
    strategy_id: str, strategies: StrategyServiceDep
) -> StrategyPerformanceOut:
    return await strategies.performance(strategy_id)


@router.get(
    "/{strategy_id}/executions",
    response_model=Page[StrategyExecutionOut],
    summary="The strategy's backtests and signal reads, newest first",
)
async def list_strategy_executions(
    strategy_id: str, strategies: StrategyServiceDep, params: PageParams = Depends(page_params)
) -> dict:
    query = await strategies.executions(strategy_id)
    return await paginate(query, params, convert=StrategyExecutionOut.of)


@router.get(
    "/{strategy_id}/experiments",
    response_model=Page[StrategyExperimentOut],
    summary="The ML experiments serving the strategy, newest first",
)
async def list_strategy_experiments(
    strategy_id: str,
    strategies: StrategyServiceDep,
    experiments: MlExperimentsClientDep,
    params: PageParams = Depends(page_params),
) -> dict:
    strategy = await strategies.get(strategy_id)
    return await experiments.serving(str(strategy.id), params)


@router.patch("/{strategy_id}", response_model=StrategyOut, summary="Change a strategy (re-validated)")
async def update_strategy(
    strategy_id: str, body: StrategyUpdate, strategies: StrategyServiceDep
) -> StrategyOut:
    return StrategyOut.of(await strategies.update(strategy_id, body))


@router.delete("/{strategy_id}", status_code=status.HTTP_204_NO_CONTENT, summary="Delete a strategy")
async def delete_strategy(strategy_id: str, strategies: StrategyServiceDep, outbox: OutboxDep) -> Response:
    await strategies.delete(strategy_id)
    await send_now(outbox)  # StrategyDeleted
    return Response(status_code=status.HTTP_204_NO_CONTENT)
