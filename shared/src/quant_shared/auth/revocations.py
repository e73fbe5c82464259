"""Access tokens revoked before they expire: a deleted, deactivated or re-roled user's tokens stop
working in every process at once.

The user domain announces ``AccessRevoked`` (and ``UserDeleted``) through its outbox; every process
running a domain applies them (``quant_shared.events.access``) and the token verifier refuses a token
of that user issued up to the revocation's second (JWT times are whole seconds); one issued later (the
next login) is accepted. Entries outlive any access token
(``HORIZON_SECONDS``) and are then dropped.
"""

import time

HORIZON_SECONDS = 24 * 3600


class Revocations:
    def __init__(self) -> None:
        self._not_before: dict[str, int] = {}

    def revoke(self, user_id: str, not_before: float) -> None:
        second = int(not_before)
        self._not_before[user_id] = max(second, self._not_before.get(user_id, 0))
        oldest = time.time() - HORIZON_SECONDS
        for stale in [u for u, at in self._not_before.items() if at < oldest]:
            del self._not_before[stale]

    def refuses(self, user_id: str, issued_at: float) -> bool:
        not_before = self._not_before.get(user_id)
        return not_before is not None and int(issued_at) <= not_before
