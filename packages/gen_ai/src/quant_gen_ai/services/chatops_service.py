"""Chat-ops sessions: slash commands and free text -> tool calls with the user's own token."""

from beanie import PydanticObjectId

from quant_gen_ai.chatops.executor import execute_tool, refused
from quant_gen_ai.chatops.replies import compose_reply
from quant_gen_ai.chatops.slash_commands import parse_slash
from quant_gen_ai.chatops.tools import TOOLS, tool_specs
from quant_gen_ai.models.chat_session import ChatAction, ChatMessage, ChatSession
from quant_gen_ai.prompts.builtin import CHATOPS
from quant_gen_ai.services.llm_service import LLMService
from quant_shared.auth import Principal
from quant_shared.enums import ChatActionStatus, ChatRole, LLMProviderKind
from quant_shared.errors import NotFoundError
from quant_shared.http import ServiceClients
from quant_shared.pagination import PageParams, paginate

MAX_TOOL_CALLS = 3
HISTORY = 10


class ChatOpsService:
    def __init__(self, llm: LLMService, clients: ServiceClients, principal: Principal) -> None:
        self.llm, self.clients, self.principal = llm, clients, principal

    async def create(self, title: str) -> ChatSession:
        session = ChatSession(owner_id=self.principal.user_id, title=title)
        await session.insert()
        return session

    async def get(self, session_id: str) -> ChatSession:
        try:
            oid = PydanticObjectId(session_id)
        except Exception as exc:
            raise NotFoundError(f"No chat session {session_id}") from exc
        session = await ChatSession.find_one({"_id": oid, "owner_id": self.principal.user_id})
        if session is None:
            raise NotFoundError(f"No chat session {session_id}")
        return session

    async def list_sessions(self, params: PageParams) -> dict:
        query = ChatSession.find({"owner_id": self.principal.user_id})
        return await paginate(query, params, sort=[("updated_at", -1)])

    async def delete(self, session_id: str) -> None:
        await (await self.get(session_id)).delete()

    async def post(self, session_id: str, content: str) -> tuple[ChatSession, ChatMessage]:
        session = await self.get(session_id)
        if content.lstrip().startswith("/"):
            parsed = parse_slash(content, session.last_task_id)
            calls, text, source = parsed.calls, parsed.reply, "slash"
        else:
            calls, text, source = await self._ask_model(session, content)
        actions: list[ChatAction] = []
        for name, arguments in calls[:MAX_TOOL_CALLS]:
            if isinstance(arguments, str):
                actions.append(refused(name, {}, source, "arguments are not a JSON object"))
                continue
            actions.append(await execute_tool(name, arguments, source, self.clients, self.principal))
        for name, _ in calls[MAX_TOOL_CALLS:]:
            actions.append(refused(name, {}, source, f"at most {MAX_TOOL_CALLS} actions per message"))
        for action in actions:
            if action.tool == "run_backtest" and action.status == ChatActionStatus.SUCCEEDED:
                session.last_task_id = str((action.result or {}).get("task_id") or "") or session.last_task_id
        reply = ChatMessage(role=ChatRole.ASSISTANT, content=compose_reply(text, actions), actions=actions)
        session.messages += [ChatMessage(role=ChatRole.USER, content=content), reply]
        await session.save()
        return session, reply

    async def _ask_model(self, session: ChatSession, content: str) -> tuple[list, str | None, str]:
        history = [
            {"role": m.role.value, "content": m.content}
            for m in session.messages[-HISTORY:]
            if m.role in (ChatRole.USER, ChatRole.ASSISTANT)
        ]
        response, _ = await self.llm.ask(
            prompt=CHATOPS,
            variables={"user_id": self.principal.user_id, "tools": list(TOOLS), "message": content},
            caller_id=self.principal.user_id,
            purpose="chatops",
            tools=tool_specs(),
            history=history,
            context={"text": content, "last_task_id": session.last_task_id},
        )
        source = "intent" if response.provider == LLMProviderKind.OFFLINE else "llm"
        calls = [
            (c.name, c.raw_arguments if c.raw_arguments is not None else c.arguments)
            for c in response.tool_calls
        ]
        return calls, response.content, source
