"""The pure core: no chat-platform SDK is imported anywhere below this package."""
