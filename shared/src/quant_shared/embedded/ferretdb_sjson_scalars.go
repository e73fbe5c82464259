// Quant Platform's patch to FerretDB v1.24.2, copied into internal/handler/sjson before the build
// (quant_shared/embedded/ferretdb_patch.py).
//
// The SQLite backend stores each document as JSON and decodes it again for every document a query
// returns. Stock sjson decodes every scalar value with a json.Decoder of its own (a buffer, a decode
// state and reflection per number or string), so a document of 60 fields costs about 0.5 ms and
// most of a list request's time goes to allocating and collecting decoders. The patch parses the
// scalars the stored JSON can hold with strconv directly; a value it does not recognize (a string
// with escapes, a number strconv refuses) goes the stock way, so the values decoded are the same.

package sjson

import (
	"bytes"
	"encoding/hex"
	"strconv"
	"time"
	"unicode/utf8"
	"unsafe"

	"github.com/FerretDB/FerretDB/internal/types"
)

// fastScalar decodes data of a schema type without a json.Decoder (objects and arrays through
// fastObject); ok is false when the stock path must decode it (strings with escapes, other types,
// malformed data).
func fastScalar(data []byte, sch *elem) (any, bool) {
	switch sch.Type {
	case elemTypeObject:
		return fastObject(data, sch)
	case elemTypeArray:
		if sch.Items != nil {
			return fastObject(data, sch)
		}
	case elemTypeDouble:
		f, err := strconv.ParseFloat(unsafeString(data), 64)
		return f, err == nil
	case elemTypeString:
		if s, ok := plainString(data); ok {
			return s, true
		}
	case elemTypeInt:
		i, err := strconv.ParseInt(unsafeString(data), 10, 32)
		return int32(i), err == nil
	case elemTypeLong:
		i, err := strconv.ParseInt(unsafeString(data), 10, 64)
		return i, err == nil
	case elemTypeDate:
		ms, err := strconv.ParseInt(unsafeString(data), 10, 64)
		return time.UnixMilli(ms), err == nil
	case elemTypeTimestamp:
		ts, err := strconv.ParseUint(unsafeString(data), 10, 64)
		return types.Timestamp(ts), err == nil
	case elemTypeBool:
		switch string(data) {
		case "true":
			return true, true
		case "false":
			return false, true
		}
	case elemTypeObjectID:
		if s, ok := plainString(data); ok && len(s) == 2*types.ObjectIDLen {
			var id types.ObjectID
			if _, err := hex.Decode(id[:], []byte(s)); err == nil {
				return id, true
			}
		}
	}

	return nil, false
}

// plainString is the content of a JSON string without escapes or control characters (a copy).
func plainString(data []byte) (string, bool) {
	n := len(data)
	if n < 2 || data[0] != '"' || data[n-1] != '"' {
		return "", false
	}

	inner := data[1 : n-1]
	if bytes.IndexByte(inner, '\\') >= 0 || bytes.IndexByte(inner, '"') >= 0 {
		return "", false
	}

	for _, c := range inner {
		if c < 0x20 {
			return "", false
		}
	}

	if !utf8.Valid(inner) { // the stock decoder replaces invalid bytes
		return "", false
	}

	return string(inner), true
}

// unsafeString views data as a string for strconv, which does not keep it.
func unsafeString(data []byte) string {
	return unsafe.String(unsafe.SliceData(data), len(data))
}
