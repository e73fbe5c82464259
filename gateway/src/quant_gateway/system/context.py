"""What the gateway's own routes need from the app: the domain directory and the database names."""

from fastapi import FastAPI

from quant_gateway.system.directory import InProcessDirectory
from quant_shared.tasks.model import TASKS_DOMAIN


def directory_of(app: FastAPI):
    """The proxy sets ``state.service_directory``; the all-in-one app's domains live in-process."""
    directory = getattr(app.state, "service_directory", None)
    if directory is None:
        directory = InProcessDirectory(list(getattr(app.state, "domains", {}).values()))
    return directory


def database_domains(app: FastAPI) -> list[str]:
    """Every domain database of the platform, the shared task records included."""
    return [*directory_of(app).names, TASKS_DOMAIN]
