"""Start-up hook: make sure every built-in prompt exists with an approved production version."""

import logging

from fastapi import FastAPI
from pymongo.errors import DuplicateKeyError

from quant_gen_ai.models.prompt_template import SYSTEM_OWNER, PromptTemplate, ReviewRecord, StatusChange
from quant_gen_ai.prompts.builtin import BUILTIN_PROMPTS, BuiltinPrompt
from quant_gen_ai.schemas.prompt import PromptVersionCreate
from quant_gen_ai.services.prompt_service import build_version
from quant_shared.enums import PromptLabel, PromptStatus, ReviewDecision

log = logging.getLogger("quant.gen_ai.prompts")


def builtin_document(spec: BuiltinPrompt) -> PromptTemplate:
    body = PromptVersionCreate(
        system=spec.system, template=spec.template, variables_schema=spec.variables_schema
    )
    version = build_version(body, 1, SYSTEM_OWNER)
    version.status = PromptStatus.APPROVED
    version.history = [StatusChange(status=PromptStatus.APPROVED, by=SYSTEM_OWNER)]
    version.reviews = [
        ReviewRecord(reviewer_id=SYSTEM_OWNER, decision=ReviewDecision.APPROVE, comment="built-in prompt")
    ]
    return PromptTemplate(
        name=spec.name,
        description=spec.description,
        owner_id=SYSTEM_OWNER,
        versions=[version],
        labels={PromptLabel.PRODUCTION.value: 1},
    )


async def seed_builtin_prompts(app: FastAPI | None = None) -> int:
    """Insert missing built-ins; existing ones (possibly re-versioned by admins) are left alone."""
    created = 0
    for spec in BUILTIN_PROMPTS:
        if await PromptTemplate.find_one(PromptTemplate.name == spec.name) is not None:
            continue
        try:
            await builtin_document(spec).insert()
            created += 1
        except DuplicateKeyError:
            log.info("built-in prompt %s was seeded concurrently", spec.name)
    return created
