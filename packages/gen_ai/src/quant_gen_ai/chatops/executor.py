"""Runs one tool call with the calling user's own token and records it as a ``ChatAction``."""

from typing import Any

from jsonschema import Draft202012Validator

from quant_gen_ai.chatops.tools import TOOLS
from quant_gen_ai.models.chat_session import ChatAction
from quant_shared.auth import Principal
from quant_shared.enums import ChatActionStatus
from quant_shared.errors import ProblemError
from quant_shared.http import ServiceClients, UpstreamError

MAX_ITEMS = 20


def _trim(data: Any) -> Any:
    """Keep what the session needs: pages are cut to their first items."""
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        return {**data, "items": data["items"][:MAX_ITEMS]}
    return data


def refused(tool: str, arguments: dict[str, Any], source: str, reason: str) -> ChatAction:
    return ChatAction(
        tool=tool, arguments=arguments, source=source, status=ChatActionStatus.REFUSED, error=reason
    )


async def execute_tool(
    name: str, arguments: dict[str, Any], source: str, clients: ServiceClients, principal: Principal
) -> ChatAction:
    tool = TOOLS.get(name)
    if tool is None:
        return refused(name, arguments, source, f"no such tool; available: {', '.join(TOOLS)}")
    problems = [e.message for e in Draft202012Validator(tool.spec.parameters).iter_errors(arguments)]
    if problems:
        return refused(name, arguments, source, "invalid arguments: " + "; ".join(sorted(problems)))
    path, kwargs = tool.request(arguments)
    action = ChatAction(
        tool=name,
        arguments=arguments,
        source=source,
        status=ChatActionStatus.SUCCEEDED,
        method=tool.method,
        path=path,
    )
    try:
        response = await clients.call(tool.domain, tool.method, path, principal=principal, **kwargs)
    except UpstreamError as exc:
        action.status, action.http_status, action.error = ChatActionStatus.FAILED, exc.status, str(exc.detail)
        return action
    except ProblemError as exc:
        action.status, action.http_status = ChatActionStatus.FAILED, exc.status
        action.error = str(exc.detail or exc.title)
        return action
    action.http_status = response.status_code
    try:
        action.result = _trim(response.json())
    except ValueError:
        action.result = None
    return action
