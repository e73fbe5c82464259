"""Pure narrative computation: facts, number guard, offline writer, markdown/html/svg rendering."""
