// Quant Platform's patch to FerretDB v1.24.2, copied into internal/handler/sjson before the build
// (quant_shared/embedded/ferretdb_patch.py).
//
// A scanner that splits a JSON object or array into its raw members without decoding them; the
// members are decoded by the schema afterwards, which rejects what the scanner let through.

package sjson

// splitObject returns an object's keys and raw values; ok is false for anything but one object
// whose keys are plain strings.
func splitObject(data []byte) ([]string, [][]byte, bool) {
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '{' {
		return nil, nil, false
	}

	var keys []string
	var values [][]byte

	i = skipSpace(data, i+1)
	if i < len(data) && data[i] == '}' {
		return keys, values, skipSpace(data, i+1) == len(data)
	}

	for {
		end, ok := skipString(data, i)
		if !ok {
			return nil, nil, false
		}

		key, ok := plainString(data[i:end])
		if !ok {
			return nil, nil, false
		}

		i = skipSpace(data, end)
		if i >= len(data) || data[i] != ':' {
			return nil, nil, false
		}

		i = skipSpace(data, i+1)

		if end, ok = skipValue(data, i); !ok {
			return nil, nil, false
		}

		keys = append(keys, key)
		values = append(values, data[i:end])

		if i = skipSpace(data, end); i >= len(data) {
			return nil, nil, false
		}

		switch data[i] {
		case ',':
			i = skipSpace(data, i+1)
		case '}':
			return keys, values, skipSpace(data, i+1) == len(data)
		default:
			return nil, nil, false
		}
	}
}

// splitArray returns an array's raw elements; ok is false for anything but one array.
func splitArray(data []byte) ([][]byte, bool) {
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '[' {
		return nil, false
	}

	var values [][]byte

	i = skipSpace(data, i+1)
	if i < len(data) && data[i] == ']' {
		return values, skipSpace(data, i+1) == len(data)
	}

	for {
		end, ok := skipValue(data, i)
		if !ok {
			return nil, false
		}

		values = append(values, data[i:end])

		if i = skipSpace(data, end); i >= len(data) {
			return nil, false
		}

		switch data[i] {
		case ',':
			i = skipSpace(data, i+1)
		case ']':
			return values, skipSpace(data, i+1) == len(data)
		default:
			return nil, false
		}
	}
}

// skipValue returns the end of the value starting at i (strings, nested containers, or a token).
func skipValue(data []byte, i int) (int, bool) {
	if i >= len(data) {
		return 0, false
	}

	switch data[i] {
	case '"':
		return skipString(data, i)
	case '{', '[':
		depth := 0

		for j := i; j < len(data); j++ {
			switch data[j] {
			case '"':
				end, ok := skipString(data, j)
				if !ok {
					return 0, false
				}

				j = end - 1
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return j + 1, true
				}
			}
		}

		return 0, false
	}

	j := i
	for j < len(data) {
		switch data[j] {
		case ',', '}', ']', ' ', '\t', '\n', '\r', ':', '"', '{', '[':
			return j, j > i
		}
		j++
	}

	return j, j > i
}

// skipString returns the end of the string starting at i (just after its closing quote).
func skipString(data []byte, i int) (int, bool) {
	if i >= len(data) || data[i] != '"' {
		return 0, false
	}

	for j := i + 1; j < len(data); j++ {
		switch data[j] {
		case '\\':
			j++
		case '"':
			return j + 1, true
		}
	}

	return 0, false
}

func skipSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
		i++
	}

	return i
}
