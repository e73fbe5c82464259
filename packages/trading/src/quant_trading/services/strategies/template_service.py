"""Strategy templates: the seeded built-in library plus each user's own templates."""

from typing import Any

from beanie import PydanticObjectId
from beanie.odm.queries.find import FindMany

from quant_shared.auth import Principal
from quant_shared.errors import ForbiddenError, NotFoundError, ValidationProblem
from quant_trading.models import StrategyTemplate
from quant_trading.schemas.strategy import StrategyCreate, StrategyFromTemplate
from quant_trading.schemas.template import TemplateCreate
from quant_trading.services.strategies.builtin_templates import builtin_templates
from quant_trading.services.strategies.strategy_validation import validate_strategy


async def seed_builtin_templates() -> int:
    """Insert or refresh the built-in library (idempotent, keyed by ``key``); returns its size."""
    templates = builtin_templates()
    for template in templates:
        existing = await StrategyTemplate.find_one({"key": template.key, "builtin": True})
        if existing is None:
            await template.insert()
        else:
            existing.name, existing.description = template.name, template.description
            existing.defaults, existing.parameter_ranges = template.defaults, template.parameter_ranges
            existing.spec, existing.constraints = template.spec, template.constraints
            await existing.save()
    return len(templates)


class TemplateService:
    def __init__(self, principal: Principal) -> None:
        self.principal = principal

    def visible(self, builtin: bool | None = None, **filters: Any) -> dict[str, Any]:
        """``filters`` narrowed to the templates the user sees: built-in ones and their own
        (``builtin``: only built-in (True) or only their own (False))."""
        visible: list[dict[str, Any]] = [{"builtin": True}, {"owner_id": self.principal.user_id}]
        if builtin is True:
            visible = visible[:1]
        elif builtin is False:
            visible = visible[1:]
        return {**filters, "$or": visible}

    def query(self, builtin: bool | None = None) -> FindMany[StrategyTemplate]:
        """Built-in templates first, then by name."""
        return StrategyTemplate.find(self.visible(builtin)).sort([("builtin", -1), ("name", 1)])

    async def get(self, template_id: str, field: str | None = None) -> StrategyTemplate:
        template = None
        if PydanticObjectId.is_valid(template_id):
            template = await StrategyTemplate.find_one(self.visible(_id=PydanticObjectId(template_id)))
        if template is None:
            if field:
                raise ValidationProblem.field(field, "no such template")
            raise NotFoundError(f"Template {template_id} not found")
        return template

    async def create(self, body: TemplateCreate) -> StrategyTemplate:
        for name, rng in body.parameter_ranges.items():
            if rng.high < rng.low:
                raise ValidationProblem.field(f"body.parameter_ranges.{name}.high", "high must be >= low")
        defaults = validate_strategy(body.strategy_type, body.defaults, body.spec, None, "body", "defaults")
        template = StrategyTemplate(
            owner_id=self.principal.user_id, defaults=defaults, **body.model_dump(exclude={"defaults"})
        )
        await template.insert()
        return template

    async def delete(self, template_id: str) -> None:
        template = await self.get(template_id)
        if template.builtin:
            raise ForbiddenError("Built-in templates cannot be deleted")
        await template.delete()

    async def strategy_from(self, body: StrategyFromTemplate) -> tuple[StrategyCreate, str]:
        template = await self.get(body.template_id, field="body.template_id")
        create = StrategyCreate(
            name=body.name,
            description=body.description or template.description,
            strategy_type=template.strategy_type,
            parameters={**template.defaults, **body.parameters},
            spec=template.spec,
            ml_model=body.ml_model,
        )
        return create, str(template.id)
