"""The pages the Teams app manifest links to (about, privacy, terms), served by the server.

``rolebot teams-package --domain HOST`` points the manifest's developer links at
``https://HOST/teams/<page>``; these routes answer them from ``teams/pages/``.
"""

from __future__ import annotations

from pathlib import Path

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

PAGES = {"about": "websiteUrl", "privacy": "privacyUrl", "terms": "termsOfUseUrl"}
PATH = "/teams/{page}"


def page_path(page: str) -> str:
    return PATH.format(page=page)


def page_routes(folder: Path) -> list[Route]:
    """``GET /teams/about``, ``/teams/privacy`` and ``/teams/terms`` from ``folder``."""
    texts = {page: (folder / f"{page}.html").read_text(encoding="utf-8") for page in PAGES}

    async def endpoint(request: Request) -> Response:
        text = texts.get(request.path_params["page"])
        if text is None:
            return Response(status_code=404)
        return HTMLResponse(text, headers={"cache-control": "public, max-age=3600"})

    return [Route(PATH, endpoint, methods=["GET"], name="teams_pages")]
