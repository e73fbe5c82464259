"""The patches applied to FerretDB's source before the embedded build.

- ``ferretdb_serial_updates.go``: update, findAndModify and delete of one collection run one at a
  time (stock v1 loses concurrent updates of one document).
- ``ferretdb_sqlite_pushdown.go``: equality filters on strings and ObjectIds reach SQLite as
  conditions its indexes answer (stock v1 decodes every document of a collection for every query).
- ``ferretdb_sjson_scalars.go``, ``ferretdb_sjson_objects.go``, ``ferretdb_sjson_scan.go``: stored
  documents are decoded in one pass by their schema (values with strconv, objects and arrays split by
  a scanner) instead of a json.Decoder and a reflected map per value (most of the cost of every
  document a query returns); anything unexpected falls back to the stock decoder.
- ``ferretdb_sjson_keys.go``: top-level keys are written as JSON strings (stock writes them raw, so
  a key holding a quote or a backslash made the insert fail with "malformed JSON").
- ``internal/util/resource``: the leak tracker of FerretDB's debug builds (a stack trace taken for
  every iterator of every query, about a tenth of a query's time) is off in our release build.

Each edit inserts lines next to an anchor that must occur exactly once; a FerretDB version whose
source moved fails the build loudly instead of producing an unpatched binary.
"""

import shutil
from pathlib import Path

HERE = Path(__file__).parent
LOCK = "\tdefer lockCollection(params.DB, params.Collection)()\n\n"
PUSHDOWN = "\twhereClause, args = pushdownWhere(params.Filter)\n"
SCALARS = "\tif v, ok := fastScalar(data, sch); ok {\n\t\treturn v, nil\n\t}\n\n"
KEYS = "\t\tkey = escapedKey(key)\n"
DOCUMENTS = "\tif d, ok := fastUnmarshal(data); ok {\n\t\treturn d, nil\n\t}\n\n"
UNTRACKED = "\tif !debugbuild.Enabled {\n\t\treturn\n\t}\n\n"
# (file, anchor, inserted text, inserted after the anchor?)
EDITS = [
    (
        "internal/handler/msg_update.go",
        "func (h *Handler) updateDocument(ctx context.Context, params *common.UpdateParams) "
        "(int32, int32, *types.Array, error) {\n",
        LOCK,
        True,
    ),
    (
        "internal/handler/msg_findandmodify.go",
        "func (h *Handler) findAndModifyDocument(ctx context.Context, params *common.FindAndModifyParams) "
        "(*findAndModifyResult, error) {\n",
        LOCK,
        True,
    ),
    ("internal/handler/msg_delete.go", "\tvar deleted int32\n", LOCK, True),
    ("internal/backends/sqlite/collection.go", "\tq += whereClause\n", PUSHDOWN, False),
    ("internal/handler/sjson/sjson.go", "\tvar res sjsontype\n", SCALARS, False),
    (
        "internal/handler/sjson/sjson.go",
        "func Unmarshal(data []byte) (*types.Document, error) {\n",
        DOCUMENTS,
        True,
    ),
    ("internal/handler/sjson/sjson.go", "\tfor i, key := range keys {\n\t\tbuf.WriteByte(',')\n", KEYS, True),
    ("internal/util/resource/resource.go", "func Track(obj any, token *Token) {\n", UNTRACKED, True),
    ("internal/util/resource/resource.go", "func Untrack(obj any, token *Token) {\n", UNTRACKED, True),
    (
        "internal/backends/sqlite/collection.go",
        "\torderByClause := prepareOrderByClause(params.Sort)\n",
        PUSHDOWN + '\tfilterPushdown = whereClause != ""\n',
        False,
    ),
]
GO_FILES = {  # our Go files -> the package folder they join
    "ferretdb_serial_updates.go": "internal/handler",
    "ferretdb_sqlite_pushdown.go": "internal/backends/sqlite",
    "ferretdb_sjson_scalars.go": "internal/handler/sjson",
    "ferretdb_sjson_objects.go": "internal/handler/sjson",
    "ferretdb_sjson_scan.go": "internal/handler/sjson",
    "ferretdb_sjson_keys.go": "internal/handler/sjson",
}


def apply(source: Path) -> None:
    """Patch the FerretDB source tree at ``source`` (a writable copy)."""
    for name, anchor, text, after in EDITS:
        path = source / name
        content = path.read_text()
        if content.count(anchor) != 1:
            raise RuntimeError(f"FerretDB patch: the anchor is not found once in {path}: {anchor!r}")
        path.write_text(content.replace(anchor, anchor + text if after else text + anchor))
    for name, folder in GO_FILES.items():
        shutil.copyfile(HERE / name, source / folder / name)
