"""Beanie documents of the user domain, and ``DOCUMENTS``, the list registered with Beanie."""

from quant_user.models.api_key import ApiKey
from quant_user.models.dashboard_layout import DashboardLayout
from quant_user.models.login_failure import LoginFailure
from quant_user.models.quality_notice import QualityNotice
from quant_user.models.refresh_token import RefreshToken
from quant_user.models.user import User
from quant_user.models.watchlist import Watchlist

DOCUMENTS: list = [User, RefreshToken, ApiKey, LoginFailure, Watchlist, DashboardLayout, QualityNotice]

__all__ = [
    "DOCUMENTS",
    "ApiKey",
    "DashboardLayout",
    "LoginFailure",
    "QualityNotice",
    "RefreshToken",
    "User",
    "Watchlist",
]
