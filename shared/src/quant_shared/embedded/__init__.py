"""Embedded FerretDB for development, the embedded default and the tests."""

from quant_shared.embedded.ferretdb import FerretDBServer, ensure_binary, free_port, project_root

__all__ = ["FerretDBServer", "ensure_binary", "free_port", "project_root"]
