"""Paper-trading enums."""

from enum import StrEnum

__all__ = [
    "OrderPurpose",
    "PaperFillAction",
    "PaperRunStatus",
    "PaperStopCause",
    "WebhookDeliveryStatus",
    "WebhookEvent",
]


class PaperRunStatus(StrEnum):
    RUNNING = "running"
    STOPPED = "stopped"


class PaperStopCause(StrEnum):
    """Why a paper run stopped."""

    USER = "user"
    ADMIN_KILL_SWITCH = "admin_kill_switch"
    MAX_POSITION = "max_position"
    MAX_DAILY_LOSS = "max_daily_loss"


class PaperFillAction(StrEnum):
    ENTRY = "entry"
    EXIT = "exit"


class OrderPurpose(StrEnum):
    """What a working order does: open a trade, close it on a signal, or protect it."""

    ENTRY = "entry"
    EXIT = "exit"
    STOP_LOSS = "stop_loss"
    TAKE_PROFIT = "take_profit"


class WebhookEvent(StrEnum):
    """What a webhook is notified of."""

    FILL = "fill"
    RUN_STOPPED = "run_stopped"
    RISK_STOPPED = "risk_stopped"


class WebhookDeliveryStatus(StrEnum):
    PENDING = "pending"
    DELIVERED = "delivered"
    FAILED = "failed"
