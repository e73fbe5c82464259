"""Prompt templates: creation, immutable versions, listing and diffs."""

import difflib
import json

from pymongo.errors import DuplicateKeyError

from quant_gen_ai.models.prompt_template import SYSTEM_OWNER, PromptTemplate, PromptVersion
from quant_gen_ai.prompts.sandbox import check_schema, check_template, declared_variables
from quant_gen_ai.schemas.prompt import PromptCreate, PromptVersionCreate
from quant_gen_ai.services.prompt_access import ensure_can_edit, get_version, load_prompt
from quant_shared.auth import Principal
from quant_shared.errors import ConflictError
from quant_shared.pagination import PageParams, paginate


def build_version(body: PromptVersionCreate, number: int, author_id: str) -> PromptVersion:
    """Validate schema and both templates (422 naming the field) and build the version."""
    check_schema(body.variables_schema)
    declared = declared_variables(body.variables_schema)
    check_template(body.system, "body.system", declared)
    check_template(body.template, "body.template", declared)
    return PromptVersion(
        version=number,
        system=body.system,
        template=body.template,
        variables_schema=body.variables_schema,
        changelog=body.changelog,
        author_id=author_id,
    )


class PromptService:
    async def create(
        self, body: PromptCreate, principal: Principal, owner_id: str | None = None
    ) -> PromptTemplate:
        version = build_version(body, 1, principal.user_id)
        if await PromptTemplate.find_one(PromptTemplate.name == body.name) is not None:
            raise ConflictError(f"A prompt named '{body.name}' already exists", field="body.name")
        prompt = PromptTemplate(
            name=body.name,
            description=body.description,
            owner_id=owner_id or principal.user_id,
            versions=[version],
        )
        try:
            await prompt.insert()
        except DuplicateKeyError as exc:
            raise ConflictError(f"A prompt named '{body.name}' already exists", field="body.name") from exc
        return prompt

    async def add_version(self, name: str, body: PromptVersionCreate, principal: Principal) -> PromptTemplate:
        prompt = await load_prompt(name, principal)
        ensure_can_edit(prompt, principal)
        number = max(v.version for v in prompt.versions) + 1
        prompt.versions.append(build_version(body, number, principal.user_id))
        await prompt.save()
        return prompt

    async def get(self, name: str, principal: Principal) -> PromptTemplate:
        return await load_prompt(name, principal)

    async def list_visible(self, principal: Principal, params: PageParams) -> dict:
        query = (
            PromptTemplate.find_all()
            if principal.is_admin
            else PromptTemplate.find({"owner_id": {"$in": [principal.user_id, SYSTEM_OWNER]}})
        )
        return await paginate(query, params, sort="name")

    async def diff(self, name: str, a: int, b: int, principal: Principal) -> list[str]:
        prompt = await load_prompt(name, principal)
        old = get_version(prompt, a, "query.from_version")
        new = get_version(prompt, b, "query.to_version")
        return list(
            difflib.unified_diff(_lines(old), _lines(new), f"{name}@v{a}", f"{name}@v{b}", lineterm="")
        )


def _lines(version: PromptVersion) -> list[str]:
    schema = json.dumps(version.variables_schema, indent=2, sort_keys=True)
    return ["[system]", *version.system.splitlines(), "[template]", *version.template.splitlines()] + [
        "[variables_schema]",
        *schema.splitlines(),
    ]
