// Quant Platform's patch to FerretDB v1.24.2, copied into internal/handler/sjson before the build
// (quant_shared/embedded/ferretdb_patch.py).
//
// Stock sjson.Marshal writes a document's top-level keys between quotes as they are (nested keys
// and the schema's key list are escaped), so a key holding a quote, a backslash or a control
// character produced invalid JSON and the insert failed with "malformed JSON". The patch escapes
// them as encoding/json does; reading them back is unchanged.

package sjson

import (
	"encoding/json"
	"strings"
	"unicode/utf8"
)

// escapedKey is key as the inside of a JSON string (unchanged when it needs no escaping).
func escapedKey(key string) string {
	if !strings.ContainsAny(key, `"\`) && !hasControl(key) && utf8.ValidString(key) {
		return key
	}

	b, err := json.Marshal(key)
	if err != nil {
		return key
	}

	return string(b[1 : len(b)-1])
}

func hasControl(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 {
			return true
		}
	}

	return false
}
