"""Prompt lifecycle: draft -> in_review -> approved -> deprecated/archived, reviews and labels."""

from quant_gen_ai.models.prompt_template import PromptTemplate, PromptVersion, ReviewRecord, StatusChange
from quant_gen_ai.prompts.builtin import BUILTIN_PROMPTS
from quant_gen_ai.schemas.prompt import ReviewCreate
from quant_gen_ai.services.prompt_access import ensure_can_edit, get_version, load_prompt
from quant_shared.auth import Principal
from quant_shared.enums import PromptLabel, PromptStatus, ReviewDecision
from quant_shared.errors import ConflictError, ForbiddenError

S = PromptStatus
TRANSITIONS: dict[PromptStatus, set[PromptStatus]] = {
    S.DRAFT: {S.IN_REVIEW, S.ARCHIVED},
    S.IN_REVIEW: {S.APPROVED, S.DRAFT},
    S.APPROVED: {S.DEPRECATED, S.ARCHIVED},
    S.DEPRECATED: {S.ARCHIVED, S.APPROVED},
    S.ARCHIVED: set(),
}

BUILTIN_NAMES = frozenset(p.name for p in BUILTIN_PROMPTS)


def _move(prompt: PromptTemplate, version: PromptVersion, target: PromptStatus, by: str) -> None:
    if target not in TRANSITIONS[version.status]:
        raise ConflictError(
            f"Version {version.version} of '{prompt.name}' is {version.status}; it cannot become {target}",
            current_status=version.status.value,
        )
    if target in (S.DEPRECATED, S.ARCHIVED):
        carried = sorted(label for label, v in prompt.labels.items() if v == version.version)
        if carried:
            raise ConflictError(
                f"Version {version.version} carries the label(s) {', '.join(carried)}; move them first",
                labels=carried,
            )
    version.status = target
    version.history.append(StatusChange(status=target, by=by))


class PromptWorkflow:
    async def _load(
        self, name: str, number: int, principal: Principal
    ) -> tuple[PromptTemplate, PromptVersion]:
        prompt = await load_prompt(name, principal)
        return prompt, get_version(prompt, number)

    async def submit(self, name: str, number: int, principal: Principal) -> PromptTemplate:
        prompt, version = await self._load(name, number, principal)
        ensure_can_edit(prompt, principal)
        _move(prompt, version, S.IN_REVIEW, principal.user_id)
        await prompt.save()
        return prompt

    async def review(
        self, name: str, number: int, body: ReviewCreate, principal: Principal
    ) -> PromptTemplate:
        """Admins review; nobody approves their own version (four-eyes)."""
        prompt, version = await self._load(name, number, principal)
        if not principal.is_admin:
            raise ForbiddenError("Only an admin can review a prompt version")
        if body.decision == ReviewDecision.APPROVE and version.author_id == principal.user_id:
            raise ForbiddenError("The author of a version cannot approve it")
        target = S.APPROVED if body.decision == ReviewDecision.APPROVE else S.DRAFT
        _move(prompt, version, target, principal.user_id)
        version.reviews.append(
            ReviewRecord(reviewer_id=principal.user_id, decision=body.decision, comment=body.comment)
        )
        await prompt.save()
        return prompt

    async def set_status(
        self, name: str, number: int, target: PromptStatus, principal: Principal
    ) -> PromptTemplate:
        """Deprecate or archive a version (its author or an admin)."""
        prompt, version = await self._load(name, number, principal)
        ensure_can_edit(prompt, principal)
        _move(prompt, version, target, principal.user_id)
        await prompt.save()
        return prompt

    async def move_label(self, name: str, label: str, number: int, principal: Principal) -> PromptTemplate:
        if not principal.is_admin:
            raise ForbiddenError("Only an admin can move a prompt label")
        prompt, version = await self._load(name, number, principal)
        if version.status != S.APPROVED:
            raise ConflictError(
                f"Version {number} of '{name}' is {version.status}; "
                "only an approved version can carry a label",
                field="body.version",
            )
        prompt.labels[label] = number
        await prompt.save()
        return prompt

    async def remove_label(self, name: str, label: str, principal: Principal) -> PromptTemplate:
        if not principal.is_admin:
            raise ForbiddenError("Only an admin can move a prompt label")
        if label == PromptLabel.PRODUCTION.value and name in BUILTIN_NAMES:
            raise ConflictError(
                f"'{name}' drives a platform feature and must keep a production version; "
                "move the label to another approved version instead",
                field="path.label",
            )
        prompt = await load_prompt(name, principal)
        prompt.labels.pop(label, None)
        await prompt.save()
        return prompt
