"""The one place the Teams SDK's app package is imported.

Importing ``microsoft_teams.apps`` emits an ``ExperimentalWarning`` about a preview feature
(HTML widgets) this project does not use; it is silenced here, for that import only.
"""

from __future__ import annotations

import warnings

from microsoft_teams.common.experimental import ExperimentalWarning

with warnings.catch_warnings():
    warnings.simplefilter("ignore", ExperimentalWarning)
    from microsoft_teams.apps import ActivityContext, App
    from microsoft_teams.apps.http import HttpMethod, HttpRequest, HttpResponse, HttpRouteHandler

__all__ = [
    "ActivityContext",
    "App",
    "HttpMethod",
    "HttpRequest",
    "HttpResponse",
    "HttpRouteHandler",
]
