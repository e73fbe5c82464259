"""The database a benchmark runs against: ``QUANT_MONGODB_URL`` when set, else a FerretDB of its own."""

import os
import tempfile
from contextlib import ExitStack
from pathlib import Path

from quant_shared.embedded.ferretdb import FerretDBServer


def benchmark_database(stack: ExitStack) -> str:
    """The URL; a FerretDB started here (in a temporary folder) stops when ``stack`` closes."""
    url = os.environ.get("QUANT_MONGODB_URL")
    if url:
        return url
    server = FerretDBServer(Path(stack.enter_context(tempfile.TemporaryDirectory()))).start()
    stack.callback(server.stop)
    return server.url
