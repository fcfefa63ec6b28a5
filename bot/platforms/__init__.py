"""Chat platforms, each with its listeners and its renderer beside them."""
