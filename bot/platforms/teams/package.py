"""Build the Teams app package (``rolebot teams-package``): manifest + icons in one zip.

The manifest template (``teams/manifest.json``) holds ``${{NAME}}`` placeholders:

- ``TEAMS_APP_ID`` and ``BOT_ID``: the bot's Entra ID application (client) id, from
  ``--app-id`` or ``$CLIENT_ID`` (``--teams-app-id`` / ``$TEAMS_APP_ID`` to give the Teams
  app an id of its own);
- ``BOT_DOMAIN``: the public host name of the server (``--domain`` / ``$BOT_DOMAIN``),
  listed in ``validDomains``; left out when not given;
- ``WEBSITE_URL``, ``PRIVACY_URL``, ``TERMS_URL``: the developer links Teams shows
  (``--website-url`` ...). With a domain they default to the pages ``rolebot serve``
  answers (``https://<domain>/teams/about``, ``/teams/privacy``, ``/teams/terms``); without
  one all three must be given;
- ``APP_VERSION``: the app's version (``--version``, default the package's), to be raised
  for every upload of an updated app to an organisation's catalogue.

The icons (``color.png`` 192x192, ``outline.png`` 32x32) ship in ``teams/``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import zipfile
from pathlib import Path
from typing import Any

import bot
from bot.platforms.teams.pages import page_path

_PACKAGE = Path(__file__).resolve().parents[2]
DEFAULT_OUTPUT = Path("dist") / "rolebot-teams.zip"
ICONS = ("color.png", "outline.png")

_GUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
_PLACEHOLDER = re.compile(r"\$\{\{([A-Z0-9_]+)\}\}")
_VERSION = re.compile(r"^\d{1,9}\.\d{1,9}\.\d{1,9}$")
_DOMAIN = re.compile(r"^(?=.{1,253}$)([a-zA-Z0-9-]{1,63}\.)+[a-zA-Z0-9-]{2,63}$")


def default_source() -> Path:
    """The checkout's ``teams/`` folder, else a copy shipped in the wheel (``bot/_data/teams``)."""
    for candidate in (_PACKAGE.parent / "teams", _PACKAGE / "_data" / "teams"):
        if candidate.is_dir():
            return candidate
    return _PACKAGE.parent / "teams"


class PackageError(ValueError):
    """The package cannot be built from the given values."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The ``teams-package`` options, for the CLI to attach to its sub-command."""
    parser.add_argument("--app-id", help="the bot's Entra ID application id (default $CLIENT_ID)")
    parser.add_argument("--teams-app-id", help="Teams app id (default $TEAMS_APP_ID or --app-id)")
    parser.add_argument("--domain", help="public host name of the bot (default $BOT_DOMAIN)")
    parser.add_argument("--website-url", help="developer website (default DOMAIN/teams/about)")
    parser.add_argument("--privacy-url", help="privacy statement (default DOMAIN/teams/privacy)")
    parser.add_argument("--terms-url", help="terms of use (default DOMAIN/teams/terms)")
    parser.add_argument(
        "--version",
        dest="app_version",
        help=f"app version, raised for each update (default {bot.__version__})",
    )
    parser.add_argument("--source", type=Path, help="folder with manifest.json and icons")
    parser.add_argument("--output", "-o", type=Path, help=f"zip path (default {DEFAULT_OUTPUT})")


def fill_manifest(template: dict[str, Any], values: dict[str, str | None]) -> dict[str, Any]:
    """Replace ``${{NAME}}`` placeholders; list items that are an unset placeholder are dropped."""

    def fill(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: fill(v) for k, v in node.items()}
        if isinstance(node, list):
            return [
                fill(item)
                for item in node
                if not (isinstance(item, str) and _unset_placeholder(item, values))
            ]
        if isinstance(node, str):
            return _PLACEHOLDER.sub(lambda m: values.get(m.group(1)) or m.group(0), node)
        return node

    filled = fill(template)
    left = sorted(set(_PLACEHOLDER.findall(json.dumps(filled))))
    if left:
        raise PackageError("no value for " + ", ".join(left))
    return filled


def _unset_placeholder(text: str, values: dict[str, str | None]) -> bool:
    match = _PLACEHOLDER.fullmatch(text)
    return match is not None and not values.get(match.group(1))


def manifest_values(
    app_id: str | None,
    *,
    teams_app_id: str | None = None,
    domain: str | None = None,
    website_url: str | None = None,
    privacy_url: str | None = None,
    terms_url: str | None = None,
    version: str | None = None,
) -> dict[str, str | None]:
    if not app_id:
        raise PackageError("the bot's application id is needed: --app-id or $CLIENT_ID")
    teams_app_id = teams_app_id or app_id
    for name, value in (("app id", app_id), ("Teams app id", teams_app_id)):
        if not _GUID.match(value):
            raise PackageError(f"the {name} must be a GUID, got {value!r}")
    if domain is not None:
        domain = domain.strip().removeprefix("https://").rstrip("/")
        if not _DOMAIN.match(domain):
            raise PackageError(f"--domain must be a host name, got {domain!r}")
    version = version or bot.__version__
    if not _VERSION.match(version):
        raise PackageError(f"--version must be MAJOR.MINOR.PATCH, got {version!r}")
    given = {"about": website_url, "privacy": privacy_url, "terms": terms_url}
    links: dict[str, str] = {}
    for page, url in given.items():
        url = url or (f"https://{domain}{page_path(page)}" if domain else None)
        if url is None:
            flag = {"about": "--website-url", "privacy": "--privacy-url", "terms": "--terms-url"}
            raise PackageError(
                f"{flag[page]} is needed without --domain (with --domain the links point to "
                "the pages rolebot serve answers)"
            )
        if not url.startswith("https://"):
            raise PackageError(f"links in the manifest must be https URLs, got {url!r}")
        links[page] = url
    return {
        "TEAMS_APP_ID": teams_app_id,
        "BOT_ID": app_id,
        "BOT_DOMAIN": domain,
        "WEBSITE_URL": links["about"],
        "PRIVACY_URL": links["privacy"],
        "TERMS_URL": links["terms"],
        "APP_VERSION": version,
    }


def build_package(source: Path, output: Path, values: dict[str, str | None]) -> Path:
    """Write the zip Teams accepts: ``manifest.json``, ``color.png``, ``outline.png``."""
    template_path = source / "manifest.json"
    if not template_path.is_file():
        raise PackageError(f"no manifest template at {template_path}")
    manifest = fill_manifest(json.loads(template_path.read_text(encoding="utf-8")), values)
    missing = [name for name in ICONS if not (source / name).is_file()]
    if missing:
        raise PackageError(f"no {', '.join(missing)} in {source}")
    icons = {name: (source / name).read_bytes() for name in ICONS}
    output.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        entries = {"manifest.json": json.dumps(manifest, indent=2, ensure_ascii=False).encode()}
        entries.update(icons)
        for name, data in entries.items():
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return output


def run(args: argparse.Namespace) -> int:
    """``rolebot teams-package``: build the zip; 0 on success, 2 on a usage error."""

    def arg(name: str, env: str | None = None) -> str | None:
        value = getattr(args, name, None)
        return value or (os.environ.get(env) or None if env else None)

    try:
        values = manifest_values(
            arg("app_id", "CLIENT_ID"),
            teams_app_id=arg("teams_app_id", "TEAMS_APP_ID"),
            domain=arg("domain", "BOT_DOMAIN"),
            website_url=arg("website_url"),
            privacy_url=arg("privacy_url"),
            terms_url=arg("terms_url"),
            version=arg("app_version"),
        )
        output = build_package(
            getattr(args, "source", None) or default_source(),
            getattr(args, "output", None) or DEFAULT_OUTPUT,
            values,
        )
    except PackageError as error:
        print(f"rolebot teams-package: {error}", file=sys.stderr)
        return 2
    print(output)
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="rolebot teams-package", description=__doc__)
    add_arguments(parser)
    sys.exit(run(parser.parse_args()))
