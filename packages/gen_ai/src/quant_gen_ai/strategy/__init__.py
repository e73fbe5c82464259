"""Natural language -> the shared strategy spec: the offline phrase parser and the readable rendering."""
