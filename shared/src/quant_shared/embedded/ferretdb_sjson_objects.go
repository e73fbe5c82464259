// Quant Platform's patch to FerretDB v1.24.2, copied into internal/handler/sjson before the build
// (quant_shared/embedded/ferretdb_patch.py).
//
// Stock sjson decodes each stored document, its schema and every nested object or array through
// encoding/json's reflection into maps of raw messages, once per level. The patch splits objects and
// arrays with a small scanner and reads the schema the same way, keeping the schemas met lately.
// Anything the scanner does not expect (escaped keys, unknown schema fields, malformed data, any
// decoding error) returns to the stock path, which decodes it or reports the error as before.

package sjson

import (
	"strconv"
	"sync"

	"github.com/FerretDB/FerretDB/internal/types"
	"github.com/FerretDB/FerretDB/internal/util/must"
)

// fastUnmarshal decodes a top-level stored document and its "$s" schema; ok is false to fall back.
func fastUnmarshal(data []byte) (*types.Document, bool) {
	keys, values, ok := splitObject(data)
	if !ok {
		return nil, false
	}

	for i, key := range keys {
		if key != "$s" {
			continue
		}

		sch, ok := cachedSchema(values[i])
		if !ok {
			return nil, false
		}

		keys = append(keys[:i:i], keys[i+1:]...)
		values = append(values[:i:i], values[i+1:]...)

		return documentOf(keys, values, sch)
	}

	return nil, false
}

// fastObject decodes a nested object or array value by its schema element.
func fastObject(data []byte, sch *elem) (any, bool) {
	switch sch.Type {
	case elemTypeObject:
		keys, values, ok := splitObject(data)
		if !ok || len(keys) == 0 || sch.Schema == nil {
			return nil, false
		}

		return documentOf(keys, values, sch.Schema)
	case elemTypeArray:
		values, ok := splitArray(data)
		if !ok || len(values) != len(sch.Items) {
			return nil, false
		}

		a := types.MakeArray(len(values))
		for i, raw := range values {
			v, err := unmarshalSingleValue(raw, sch.Items[i])
			if err != nil {
				return nil, false
			}

			a.Append(v)
		}

		return a, true
	}

	return nil, false
}

// documentOf builds the document in the schema's key order, as the stock decoder does.
func documentOf(keys []string, values [][]byte, sch *schema) (*types.Document, bool) {
	if len(keys) != len(sch.Keys) {
		return nil, false
	}

	d := must.NotFail(types.NewDocument())

	for i, key := range sch.Keys {
		raw, ok := lookup(keys, values, key, i)
		if !ok {
			return nil, false
		}

		v, err := unmarshalSingleValue(raw, sch.Properties[key])
		if err != nil {
			return nil, false
		}

		d.Set(key, v)
	}

	return d, true
}

// lookup finds key's value; stored data keeps the schema's order, so position i is tried first.
func lookup(keys []string, values [][]byte, key string, i int) ([]byte, bool) {
	if i < len(keys) && keys[i] == key {
		return values[i], true
	}

	found := -1

	for j, k := range keys {
		if k == key {
			if found >= 0 {
				return nil, false // a duplicate key: the stock decoder decides
			}

			found = j
		}
	}

	if found < 0 {
		return nil, false
	}

	return values[found], true
}

// schemaCache holds the schemas parsed lately, by their stored text: the documents of a collection
// mostly share a few shapes, and a parsed schema is only read afterwards.
var schemaCache = struct {
	sync.Mutex
	m map[string]*schema
}{m: map[string]*schema{}}

const schemaCacheSize = 512

// cachedSchema is parseSchema through the cache (emptied when full).
func cachedSchema(data []byte) (*schema, bool) {
	schemaCache.Lock()
	sch, found := schemaCache.m[string(data)]
	schemaCache.Unlock()

	if found {
		return sch, true
	}

	sch, ok := parseSchema(data)
	if !ok {
		return nil, false
	}

	schemaCache.Lock()
	if len(schemaCache.m) >= schemaCacheSize {
		clear(schemaCache.m)
	}
	schemaCache.m[string(data)] = sch
	schemaCache.Unlock()

	return sch, true
}

// parseSchema reads {"p": {key: elem, ...}, "$k": [key, ...]}.
func parseSchema(data []byte) (*schema, bool) {
	keys, values, ok := splitObject(data)
	if !ok {
		return nil, false
	}

	sch := new(schema)

	for i, key := range keys {
		switch key {
		case "p":
			names, elems, ok := splitObject(values[i])
			if !ok {
				return nil, false
			}

			sch.Properties = make(map[string]*elem, len(names))

			for j, name := range names {
				if sch.Properties[name], ok = parseElem(elems[j]); !ok {
					return nil, false
				}
			}
		case "$k":
			items, ok := splitArray(values[i])
			if !ok {
				return nil, false
			}

			sch.Keys = make([]string, len(items))

			for j, item := range items {
				if sch.Keys[j], ok = plainString(item); !ok {
					return nil, false
				}
			}
		default:
			return nil, false
		}
	}

	return sch, true
}

// parseElem reads {"t": type, "$s": schema, "o": options, "i": [elem, ...], "s": subtype}.
func parseElem(data []byte) (*elem, bool) {
	keys, values, ok := splitObject(data)
	if !ok {
		return nil, false
	}

	e := new(elem)

	for i, key := range keys {
		raw := values[i]

		switch key {
		case "t":
			t, ok := plainString(raw)
			if !ok {
				return nil, false
			}

			e.Type = elemType(t)
		case "$s":
			if e.Schema, ok = parseSchema(raw); !ok {
				return nil, false
			}
		case "o":
			o, ok := plainString(raw)
			if !ok {
				return nil, false
			}

			e.Options = &o
		case "i":
			items, ok := splitArray(raw)
			if !ok {
				return nil, false
			}

			e.Items = make([]*elem, len(items))

			for j, item := range items {
				if e.Items[j], ok = parseElem(item); !ok {
					return nil, false
				}
			}
		case "s":
			n, err := strconv.ParseUint(unsafeString(raw), 10, 8)
			if err != nil {
				return nil, false
			}

			subtype := types.BinarySubtype(n)
			e.Subtype = &subtype
		default:
			return nil, false
		}
	}

	return e, true
}
