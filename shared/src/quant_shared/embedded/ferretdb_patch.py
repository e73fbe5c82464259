"""The one patch applied to FerretDB's source before the embedded build: per-collection serial updates.

See ``ferretdb_serial_updates.go`` for why. Each edit inserts one ``lockCollection`` call after an
anchor that must occur exactly once; a FerretDB version whose source moved fails the build loudly
instead of producing an unpatched binary.
"""

import shutil
from pathlib import Path

GO_FILE = Path(__file__).with_name("ferretdb_serial_updates.go")
LOCK = "\tdefer lockCollection(params.DB, params.Collection)()\n\n"
EDITS = {  # file under internal/handler -> the line after which the lock is taken
    "msg_update.go": (
        "func (h *Handler) updateDocument(ctx context.Context, params *common.UpdateParams) "
        "(int32, int32, *types.Array, error) {\n"
    ),
    "msg_findandmodify.go": (
        "func (h *Handler) findAndModifyDocument(ctx context.Context, params *common.FindAndModifyParams) "
        "(*findAndModifyResult, error) {\n"
    ),
    "msg_delete.go": "\tvar deleted int32\n",
}
MARKER = "ferretdb_serial_updates.go"  # a patched tree holds this file


def apply(source: Path) -> None:
    """Patch the FerretDB source tree at ``source`` (a writable copy)."""
    handler = source / "internal" / "handler"
    for name, anchor in EDITS.items():
        path = handler / name
        text = path.read_text()
        if text.count(anchor) != 1:
            raise RuntimeError(f"FerretDB patch: the anchor is not found once in {path}: {anchor!r}")
        path.write_text(text.replace(anchor, anchor + LOCK))
    shutil.copyfile(GO_FILE, handler / MARKER)
