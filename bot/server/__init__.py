"""The HTTP server: the ASGI app, body limits, metrics, logging, health."""
