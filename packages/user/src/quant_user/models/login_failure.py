"""``LoginFailure``: one failed login, counted per account and per client address."""

from datetime import datetime

from pymongo import ASCENDING, IndexModel

from quant_shared.document import BaseDocument


class LoginFailure(BaseDocument):
    key: str  # "account:<email>" or "ip:<address>"
    at: datetime

    class Settings:
        name = "login_failures"
        use_state_management = False
        indexes = [IndexModel([("key", ASCENDING), ("at", ASCENDING)], name="key_at")]
