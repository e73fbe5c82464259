"""Compact encoding of task inputs: long numeric lists travel as raw arrays, everything else as JSON.

A million bars are 43 MB of gzipped JSON that take seconds to parse; as float64/int64 arrays they load
in a fraction of a second, which is what lets a worker start on a large task at once. A list becomes
an array when its first item is a number and every item fits one C type: int64 when all are ints,
otherwise float64 (so ints in a float column come back as floats); an ``array.array`` of int64 or
float64 is stored as it is. Anything else (strings, ``None``,
booleans, nested objects, short lists) stays JSON. Standard library only.

Layout: 8-byte big-endian length of the JSON skeleton, the skeleton, then the arrays back to back;
the skeleton refers to each array as ``{"__array__": [typecode, offset, count]}`` and records the
byte order they were written in.
"""

import json
import struct
import sys
from array import array
from typing import Any

MIN_ARRAY = 64  # shorter lists are cheaper as JSON
_REF = "__array__"
_HEADER = struct.Struct(">Q")


def encode(payload: Any) -> bytes:
    chunks: list[bytes] = []
    offset = 0

    def walk(value: Any) -> Any:
        nonlocal offset
        if isinstance(value, dict):
            return {key: walk(item) for key, item in value.items()}
        if isinstance(value, array) and value.typecode in ("q", "d"):
            chunks.append(value.tobytes())
            ref = {_REF: [value.typecode, offset, len(value)]}
            offset += len(chunks[-1])
            return ref
        if isinstance(value, list | tuple):
            if len(value) >= MIN_ARRAY and (packed := _numeric(value)) is not None:
                data = packed.tobytes()
                chunks.append(data)
                ref = {_REF: [packed.typecode, offset, len(packed)]}
                offset += len(data)
                return ref
            return [walk(item) for item in value]
        return value

    skeleton = json.dumps({"byteorder": sys.byteorder, "payload": walk(payload)}).encode()
    return b"".join([_HEADER.pack(len(skeleton)), skeleton, *chunks])


def decode(data: bytes, *, arrays: bool = False) -> Any:
    """The payload; with ``arrays`` the numeric lists come back as ``array.array`` (no Python object per
    number: NumPy wraps them without parsing, about 20x faster for 500,000 bars) instead of lists."""
    (size,) = _HEADER.unpack_from(data)
    skeleton = json.loads(data[_HEADER.size : _HEADER.size + size])
    base, swap = _HEADER.size + size, skeleton["byteorder"] != sys.byteorder
    view = memoryview(data)

    def walk(value: Any) -> Any:
        if isinstance(value, dict):
            if set(value) == {_REF}:
                typecode, start, count = value[_REF]
                values = array(typecode)
                values.frombytes(view[base + start : base + start + count * values.itemsize])
                if swap:
                    values.byteswap()
                return values if arrays else values.tolist()
            return {key: walk(item) for key, item in value.items()}
        if isinstance(value, list):
            return [walk(item) for item in value]
        return value

    return walk(skeleton["payload"])


def _numeric(values: list | tuple) -> array | None:
    first = values[0]
    if isinstance(first, bool) or not isinstance(first, int | float):
        return None  # a quick refusal for lists of strings, objects, booleans
    for typecode in ("q", "d") if isinstance(first, int) else ("d",):
        try:
            return array(typecode, values)
        except (TypeError, OverflowError):
            continue
    return None
