"""CSV text to row dicts (header names are case-insensitive; common aliases accepted)."""

import csv
import io

from quant_shared.errors import ValidationProblem

ALIASES = {"date": "timestamp", "time": "timestamp", "datetime": "timestamp", "vol": "volume"}
REQUIRED = ("timestamp", "open", "high", "low", "close", "volume")


def csv_rows(data: bytes, field: str = "file", required: tuple[str, ...] = REQUIRED) -> list[dict]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationProblem.field(field, "the file is not UTF-8 text") from None
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames:
        raise ValidationProblem.field(field, "the CSV file is empty")
    names = [ALIASES.get(n.strip().lower(), n.strip().lower()) for n in reader.fieldnames]
    missing = [n for n in required if n not in names]
    if missing:
        raise ValidationProblem.field(field, f"missing CSV columns: {', '.join(missing)}")
    reader.fieldnames = names
    return [{k: (v.strip() if isinstance(v, str) else v) for k, v in row.items() if k} for row in reader]
