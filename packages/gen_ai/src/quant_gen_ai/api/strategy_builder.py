"""Strategy Builder: natural language -> the shared JSON strategy spec (never executed as code)."""

from fastapi import APIRouter, Depends, status

from quant_gen_ai.api.deps import StrategyBuilderServiceDep
from quant_gen_ai.schemas.strategy_builder import (
    StrategyBuildRequest,
    StrategyCodeOut,
    StrategyParseRequest,
    StrategyPreview,
)
from quant_gen_ai.strategy.rendering import render_spec
from quant_shared.pagination import Page, PageParams, page_params

router = APIRouter(prefix="/strategy-builder", tags=["Strategy Builder"])


@router.post("/parse", response_model=StrategyPreview)
async def parse_strategy(service: StrategyBuilderServiceDep, body: StrategyParseRequest) -> StrategyPreview:
    """Preview: the spec and its rendering, nothing stored; 422 lists unsupported parts."""
    spec, _, _ = await service.parse(body.text)
    return StrategyPreview(spec=spec, rendering=render_spec(spec))


@router.post("/strategies", status_code=status.HTTP_201_CREATED, response_model=StrategyCodeOut)
async def build_strategy(service: StrategyBuilderServiceDep, body: StrategyBuildRequest) -> StrategyCodeOut:
    """Build and store; optionally create it in trading and start a quick backtest (202 task inside)."""
    return StrategyCodeOut.of(await service.build(body))


@router.get("/strategies", response_model=Page[StrategyCodeOut])
async def list_built_strategies(
    service: StrategyBuilderServiceDep, params: PageParams = Depends(page_params)
) -> dict:
    page = await service.list_codes(params)
    page["items"] = [StrategyCodeOut.of(c) for c in page["items"]]
    return page


@router.get("/strategies/{code_id}", response_model=StrategyCodeOut)
async def get_built_strategy(service: StrategyBuilderServiceDep, code_id: str) -> StrategyCodeOut:
    return StrategyCodeOut.of(await service.get(code_id))
