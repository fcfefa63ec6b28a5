"""``rolebot serve`` with Teams only, validating tokens against a local cloud: a fake
connector's OpenID metadata and signing keys instead of Microsoft's. Hostile-traffic tests
start it as a process of its own, so that what they time is the server's, not pytest's:

    python -m tests.platforms.teams.local_cloud_serve CONNECTOR_URL [--host H] [--port N]

Credentials come from the environment as for ``rolebot serve`` (``CLIENT_ID`` …); outgoing
calls get a fixed token instead of one from the identity platform.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from typing import Any

from bot.platforms.teams.platform import TeamsPlatform
from bot.server import serve
from tests.fakes.teams_connector import OPENID_PATH


class LocalCloudTeams:
    """The Teams platform kind, with the SDK pointed at ``connector_url``."""

    name = "teams"

    def __init__(self, connector_url: str) -> None:
        self.connector_url = connector_url

    def from_env(self, env: Mapping[str, str]) -> TeamsPlatform | None:
        from microsoft_teams.api.auth.cloud_environment import PUBLIC, with_overrides

        platform = TeamsPlatform.from_env(env)
        if platform is None:
            return None
        local = self.connector_url.rstrip("/")
        cloud = with_overrides(
            PUBLIC,
            openid_metadata_url=local + OPENID_PATH,
            login_endpoint=local,
            token_service_url=local,
        )
        options: dict[str, Any] = {"cloud": cloud, "token": lambda scope, tenant: "local-token"}
        return TeamsPlatform(platform.settings, sdk_options=options)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="local_cloud_serve", description=__doc__)
    parser.add_argument("connector_url")
    serve.add_arguments(parser)
    args = parser.parse_args(argv)
    return serve.run(args, platform_kinds=[LocalCloudTeams(args.connector_url)])


if __name__ == "__main__":
    sys.exit(main())
