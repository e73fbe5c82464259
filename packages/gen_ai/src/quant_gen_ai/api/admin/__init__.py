"""Admin-only routers of the gen-AI domain (paths under ``/admin``)."""
