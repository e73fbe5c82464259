"""OpenAPI tag metadata of the gen-AI router groups (display order)."""

from quant_shared.openapi.tags import ADMIN_MODELS_TAG

TAGS: list[dict] = [
    {
        "name": "Narratives",
        "description": "Backtest reports written from verified facts (markdown, html with inline SVG "
        "equity and drawdown charts, json). A number guard rejects any figure not found in the facts.",
    },
    {
        "name": "Strategy Builder",
        "description": "Natural language -> the shared declarative JSON strategy spec, validated and "
        "stored (never executed as code); optionally created in trading and backtested.",
    },
    {
        "name": "ChatOps",
        "description": "Chat sessions whose slash commands and tool calls act on the platform with the "
        "caller's own token; every action is recorded in the session.",
    },
    {
        "name": "Prompt Governance",
        "description": "Versioned, reviewed prompt templates (Jinja2 sandbox, variable schemas), labels "
        "such as `production` moved by admins, diffs and the audit log of every rendering. Every LLM "
        "call uses the production version of a governed prompt.",
    },
    ADMIN_MODELS_TAG,
]
