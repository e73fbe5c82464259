// Quant Platform's patch to FerretDB v1.24.2, copied into internal/backends/sqlite before the build
// (quant_shared/embedded/ferretdb_patch.py).
//
// Stock FerretDB v1 on SQLite pushes a query filter down to SQL only when it is exactly
// {_id: <string or ObjectId>}, and then with an expression (->'$._id') that its own _id index does
// not match, so every query decodes every document of the collection in Go and costs as much as
// the collection is large. This pushes down, as conditions on the expression the collection's
// indexes are built on (_ferretdb_sjson->"f"), so that SQLite answers from an index:
//   - each top-level equality on a string or ObjectId ({f: v}, {f: {$eq: v}}, {f: {$in: [...]}}),
//     keeping every document whose f is an array too (the filter may match one of its elements);
//   - {f: {$exists: true, $ne: []}} (an outbox relay's "has pending events"), as the two ranges of
//     JSON texts around the empty array, so an index on f skips every document with nothing pending.
// The handler filters every returned document again, so a pushed-down condition only ever narrows
// the documents to decode, never the answer.

package sqlite

import (
	"fmt"
	"strings"

	"github.com/FerretDB/FerretDB/internal/backends/sqlite/metadata"
	"github.com/FerretDB/FerretDB/internal/handler/sjson"
	"github.com/FerretDB/FerretDB/internal/types"
	"github.com/FerretDB/FerretDB/internal/util/must"
)

// maxPushedValues bounds the placeholders of one $in list.
const maxPushedValues = 1000

// pushdownWhere returns the WHERE clause (with its leading space) and arguments for filter.
func pushdownWhere(filter *types.Document) (string, []any) {
	if filter == nil {
		return "", nil
	}

	var conditions []string
	var args []any

	for _, key := range filter.Keys() {
		if !plainKey(key) {
			continue
		}

		expr := fmt.Sprintf("%s->%q", metadata.DefaultColumn, key)

		if presentNotEmpty(must.NotFail(filter.Get(key))) { // JSON text of every value but []
			conditions = append(conditions, "("+expr+" < '[]' OR "+expr+" > '[]')")
			continue
		}

		values := equalValues(must.NotFail(filter.Get(key)))
		if len(values) == 0 {
			continue
		}
		marks := strings.TrimSuffix(strings.Repeat("?, ", len(values)), ", ")
		condition := expr + " IN (" + marks + ")"

		if key != "_id" { // an array holding the value matches too; JSON arrays render as '[...]'
			condition = "(" + condition + " OR (" + expr + " >= '[' AND " + expr + " < '\\'))"
		}

		conditions = append(conditions, condition)
		args = append(args, values...)
	}

	if len(conditions) == 0 {
		return "", nil
	}

	return " WHERE " + strings.Join(conditions, " AND "), args
}

// presentNotEmpty is {$exists: true, $ne: []}, the form an outbox relay asks "has pending events" in.
func presentNotEmpty(value any) bool {
	doc, ok := value.(*types.Document)
	if !ok || doc.Len() != 2 {
		return false
	}

	exists, err := doc.Get("$exists")
	if err != nil || exists != true {
		return false
	}

	ne, err := doc.Get("$ne")
	if err != nil {
		return false
	}

	list, ok := ne.(*types.Array)

	return ok && list.Len() == 0
}

// plainKey is a top-level field name of letters, digits and underscores.
func plainKey(key string) bool {
	if key == "" {
		return false
	}

	for _, r := range key {
		if !(r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9')) {
			return false
		}
	}

	return true
}

// equalValues returns the JSON texts a matching field may hold, or nil when the filter value is not
// one the pushdown handles.
func equalValues(value any) []any {
	if doc, ok := value.(*types.Document); ok {
		if doc.Len() != 1 {
			return nil
		}

		if v, err := doc.Get("$eq"); err == nil {
			return equalValues(v)
		}

		in, err := doc.Get("$in")
		if err != nil {
			return nil
		}

		list, ok := in.(*types.Array)
		if !ok || list.Len() == 0 || list.Len() > maxPushedValues {
			return nil
		}

		out := make([]any, 0, list.Len())

		for i := 0; i < list.Len(); i++ {
			text, ok := scalarText(must.NotFail(list.Get(i)))
			if !ok {
				return nil
			}

			out = append(out, text)
		}

		return out
	}

	if text, ok := scalarText(value); ok {
		return []any{text}
	}

	return nil
}

// scalarText is the stored JSON text of a string or ObjectId, when SQLite renders it identically:
// printable ASCII that JSON encoding leaves as it is.
func scalarText(value any) (string, bool) {
	switch value.(type) {
	case string, types.ObjectID:
	default:
		return "", false
	}

	text := string(must.NotFail(sjson.MarshalSingleValue(value)))
	inner := text[1 : len(text)-1]

	for _, r := range inner {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' || r == '<' || r == '>' || r == '&' {
			return "", false
		}
	}

	return text, true
}
