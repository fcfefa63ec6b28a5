"""The application layer: the service every adapter calls, the one wiring module, reload."""
