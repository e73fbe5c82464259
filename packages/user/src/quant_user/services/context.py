"""What the user domain's services need at run time, built once at start-up."""

from dataclasses import dataclass

from quant_shared.settings import Settings
from quant_user.security.access_tokens import AccessTokenIssuer
from quant_user.security.signing_keys import SigningKeys
from quant_user.settings import UserSettings


@dataclass(frozen=True)
class UserContext:
    settings: Settings
    user_settings: UserSettings
    keys: SigningKeys

    @property
    def issuer(self) -> AccessTokenIssuer:
        return AccessTokenIssuer(
            keys=self.keys,
            issuer=self.settings.jwt_issuer,
            audience=self.settings.jwt_audience,
            ttl_seconds=self.user_settings.access_token_ttl_seconds,
        )
