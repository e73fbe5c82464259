"""Chat-ops building blocks: the tool registry, slash commands, the offline intent parser, replies."""
