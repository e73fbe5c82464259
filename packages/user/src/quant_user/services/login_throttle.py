"""Login throttling: too many failures for one account or one client address answer 429."""

import math
from datetime import timedelta

from quant_shared.errors import TooManyRequestsError
from quant_shared.timeutil import as_utc, utcnow
from quant_user.models.login_failure import LoginFailure
from quant_user.settings import UserSettings


def _keys(email: str, ip: str | None) -> list[tuple[str, int]]:
    return [(f"account:{email}", 0), (f"ip:{ip or 'unknown'}", 1)]


class LoginThrottle:
    def __init__(self, settings: UserSettings) -> None:
        self.window = timedelta(seconds=settings.login_window_seconds)
        self.limits = (settings.login_max_failures_per_account, settings.login_max_failures_per_ip)

    async def _retry_after(self, key: str, limit: int) -> int | None:
        """Seconds until ``key`` drops below ``limit`` failures in the window, None when it is below."""
        now = utcnow()
        recent = (
            await LoginFailure.find(LoginFailure.key == key, LoginFailure.at >= now - self.window)
            .sort("+at")
            .to_list()
        )
        if len(recent) < limit:
            return None
        # The window frees a slot when the failure ``len - limit`` (oldest first) ages out.
        frees_at = as_utc(recent[len(recent) - limit].at) + self.window
        return max(1, math.ceil((frees_at - now).total_seconds()))

    async def check(self, email: str, ip: str | None) -> None:
        for key, index in _keys(email, ip):
            wait = await self._retry_after(key, self.limits[index])
            if wait is not None:
                who = "this account" if index == 0 else "this client"
                raise TooManyRequestsError(
                    f"Too many failed logins for {who}; retry in {wait} s",
                    headers={"Retry-After": str(wait)},
                    retry_after=wait,
                )

    async def record_failure(self, email: str, ip: str | None) -> None:
        now = utcnow()
        await LoginFailure.insert_many([LoginFailure(key=key, at=now) for key, _ in _keys(email, ip)])
        await LoginFailure.find(LoginFailure.at < now - self.window).delete()

    async def clear_account(self, email: str) -> None:
        await LoginFailure.find(LoginFailure.key == f"account:{email}").delete()
