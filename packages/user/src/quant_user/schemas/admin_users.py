"""Administration of accounts."""

from pydantic import Field

from quant_shared.enums import Role
from quant_shared.schema import BaseSchema


class RolesIn(BaseSchema):
    roles: list[Role] = Field(min_length=1, description="The complete new role set, e.g. ['user', 'admin'].")
