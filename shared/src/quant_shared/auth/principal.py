"""The authenticated caller."""

from pydantic import BaseModel, Field

from quant_shared.enums import Role


class Principal(BaseModel):
    user_id: str
    roles: list[Role] = Field(default_factory=lambda: [Role.USER])
    email: str | None = None
    token: str | None = Field(default=None, repr=False, description="The raw bearer token, for forwarding.")

    @property
    def is_admin(self) -> bool:
        return Role.ADMIN in self.roles
