"""Login throttling that slows the source of failed logins, never the account's owner.

- **Per account and client address**: the first ``login_free_failures`` failures in the window cost
  nothing; after that each failure doubles the wait before that address may try that account again
  (1 s, 2 s, 4 s ... at most ``login_max_delay_seconds``). A correct password from another address is
  not refused because of someone else's guesses, and a success clears its own address's count.
- **Per client address, across accounts**: at most ``login_max_failures_per_ip`` failures in the window
  (credential stuffing), then 429 until the window frees a slot.

The client address is the connection's peer, or the ``X-Forwarded-For`` entry a trusted proxy added
(uvicorn's ``--forwarded-allow-ips``, the deployment's ingress or gateway only).
"""

import math
from datetime import datetime, timedelta

from quant_shared.errors import TooManyRequestsError
from quant_shared.timeutil import as_utc, utcnow
from quant_user.models.login_failure import LoginFailure
from quant_user.settings import UserSettings


def _pair(email: str, ip: str | None) -> str:
    return f"pair:{email}|{ip or 'unknown'}"


def _source(ip: str | None) -> str:
    return f"ip:{ip or 'unknown'}"


def _too_many(wait: float, who: str) -> TooManyRequestsError:
    seconds = max(1, math.ceil(wait))
    return TooManyRequestsError(
        f"Too many failed logins {who}; retry in {seconds} s",
        headers={"Retry-After": str(seconds)},
        retry_after=seconds,
    )


class LoginThrottle:
    def __init__(self, settings: UserSettings) -> None:
        self.window = timedelta(seconds=settings.login_window_seconds)
        self.free = settings.login_free_failures
        self.max_delay = settings.login_max_delay_seconds
        self.per_source = settings.login_max_failures_per_ip

    async def _recent(self, key: str, now: datetime) -> list[datetime]:
        found = await LoginFailure.find(
            LoginFailure.key == key, LoginFailure.at >= now - self.window
        ).to_list()
        return sorted(as_utc(f.at) for f in found)

    async def check(self, email: str, ip: str | None) -> None:
        now = utcnow()
        guesses = await self._recent(_pair(email, ip), now)
        if len(guesses) >= self.free:
            delay = min(2.0 ** (len(guesses) - self.free), self.max_delay)
            wait = (guesses[-1] + timedelta(seconds=delay) - now).total_seconds()
            if wait > 0:
                raise _too_many(wait, "for this account from this client")
        failures = await self._recent(_source(ip), now)
        if len(failures) >= self.per_source:
            # the window frees a slot when the failure ``len - limit`` (oldest first) ages out
            frees_at = failures[len(failures) - self.per_source] + self.window
            raise _too_many((frees_at - now).total_seconds(), "from this client")

    async def record_failure(self, email: str, ip: str | None) -> None:
        now = utcnow()
        await LoginFailure.insert_many(
            [LoginFailure(key=key, at=now) for key in (_pair(email, ip), _source(ip))]
        )
        await LoginFailure.find(LoginFailure.at < now - self.window).delete()

    async def clear(self, email: str, ip: str | None) -> None:
        await LoginFailure.find(LoginFailure.key == _pair(email, ip)).delete()
