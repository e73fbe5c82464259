"""Generative-AI enums."""

from enum import StrEnum


class PromptStatus(StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    APPROVED = "approved"
    DEPRECATED = "deprecated"
    ARCHIVED = "archived"


class ReportFormat(StrEnum):
    MARKDOWN = "markdown"
    HTML = "html"
    JSON = "json"
    PDF = "pdf"


class ChatRole(StrEnum):
    USER = "user"
    ASSISTANT = "assistant"
    SYSTEM = "system"
    TOOL = "tool"


class NarrativeStatus(StrEnum):
    PENDING = "pending"
    GENERATED = "generated"
    GUARD_FAILED = "guard_failed"
    FAILED = "failed"


class LLMProviderKind(StrEnum):
    OPENAI_COMPATIBLE = "openai_compatible"
    OFFLINE = "offline"


class LLMCallStatus(StrEnum):
    SUCCEEDED = "succeeded"
    FAILED = "failed"


class ChatActionStatus(StrEnum):
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    REFUSED = "refused"


class ReviewDecision(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"


class PromptLabel(StrEnum):
    PRODUCTION = "production"
    STAGING = "staging"


__all__ = [
    "PromptStatus",
    "ReportFormat",
    "ChatRole",
    "NarrativeStatus",
    "LLMProviderKind",
    "LLMCallStatus",
    "ChatActionStatus",
    "ReviewDecision",
    "PromptLabel",
]
