"""The one place the Teams SDK's app package is imported.

Importing ``microsoft_teams.apps`` emits an ``ExperimentalWarning`` about a preview feature
(HTML widgets) this project does not use; it is silenced here, for that import only.

The same import would also load a ``.env`` file from the working folder or any parent
(python-dotenv), which could set ``CLIENT_ID`` away or switch authentication off. That
loading is disabled for the import: configuration comes from the real environment only.
"""

from __future__ import annotations

import os
import warnings

from microsoft_teams.common.experimental import ExperimentalWarning

_DOTENV_SWITCH = "PYTHON_DOTENV_DISABLED"
_previous = os.environ.get(_DOTENV_SWITCH)
os.environ[_DOTENV_SWITCH] = "1"
try:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ExperimentalWarning)
        from microsoft_teams.apps import ActivityContext, App
        from microsoft_teams.apps.http import (
            HttpMethod,
            HttpRequest,
            HttpResponse,
            HttpRouteHandler,
        )
        from microsoft_teams.common.http import ClientOptions
finally:
    if _previous is None:
        del os.environ[_DOTENV_SWITCH]
    else:
        os.environ[_DOTENV_SWITCH] = _previous

__all__ = [
    "ActivityContext",
    "App",
    "ClientOptions",
    "HttpMethod",
    "HttpRequest",
    "HttpResponse",
    "HttpRouteHandler",
]
