"""Base Beanie document: id, created_at and updated_at maintained by event hooks."""

from datetime import datetime

from beanie import Document, Insert, Replace, Save, SaveChanges, Update, before_event
from pydantic import Field

from quant_shared.timeutil import utcnow


class BaseDocument(Document):
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)

    @before_event(Insert)
    def _stamp_created(self) -> None:
        now = utcnow()
        self.created_at = now
        self.updated_at = now

    @before_event(Replace, Save, SaveChanges, Update)
    def _stamp_updated(self) -> None:
        self.updated_at = utcnow()

    class Settings:
        use_state_management = False


class OwnedDocument(BaseDocument):
    """A document that belongs to one user; services filter every query by ``owner_id``."""

    owner_id: str = Field(description="Id of the user owning the document.")
