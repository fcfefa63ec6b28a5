"""OpenTelemetry: a no-op provider unless the deployment brings a real one.

The Teams SDK asks OpenTelemetry for a meter and a counter on every outbound call. With
no provider configured, the API's proxy provider keeps every placeholder meter and
instrument it hands out, for the life of the process (about 4.5 KB per Teams activity).
``configure_telemetry()`` installs the API's own no-op providers, once, when nothing else
has set one (``opentelemetry-instrument`` or an SDK set up before ``rolebot serve`` keeps
its own).
"""

from __future__ import annotations

import logging

from opentelemetry import metrics, trace

log = logging.getLogger("rolebot.server")

# The API's stand-ins before any provider is set (their type names are not public).
_UNSET_PROVIDERS = frozenset({"_ProxyMeterProvider", "ProxyTracerProvider"})


def _unset(provider: object) -> bool:
    return type(provider).__name__ in _UNSET_PROVIDERS


def configure_telemetry() -> bool:
    """Install no-op meter and tracer providers where none is set; True if it did."""
    installed = False
    if _unset(metrics.get_meter_provider()):
        metrics.set_meter_provider(metrics.NoOpMeterProvider())
        installed = True
    if _unset(trace.get_tracer_provider()):
        trace.set_tracer_provider(trace.NoOpTracerProvider())
        installed = True
    if installed:
        log.debug("OpenTelemetry: no provider configured; using no-op providers")
    return installed
