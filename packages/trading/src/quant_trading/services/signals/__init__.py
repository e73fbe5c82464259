"""A stored strategy's signals: the latest bar's and the history over a range."""
