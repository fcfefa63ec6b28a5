"""Teams settings read from the environment, under the names the Teams SDK uses."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

ALLOW_UNAUTHENTICATED_ENV = "ROLEBOT_TEAMS_ALLOW_UNAUTHENTICATED"
# Any of these set means Teams is meant to be served.
ENV_NAMES = (
    "CLIENT_ID",
    "CLIENT_SECRET",
    "TENANT_ID",
    "MANAGED_IDENTITY_CLIENT_ID",
    ALLOW_UNAUTHENTICATED_ENV,
)
_TRUE = {"1", "true", "yes", "on"}


@dataclass(frozen=True, repr=False)
class TeamsSettings:
    """How the Teams endpoint authenticates.

    ``client_id`` / ``client_secret`` / ``tenant_id`` are the bot's Entra ID app registration
    (``CLIENT_ID``, ``CLIENT_SECRET``, ``TENANT_ID``). ``managed_identity_client_id``
    (``MANAGED_IDENTITY_CLIENT_ID``) is the SDK's alternative to a secret.
    ``allow_unauthenticated`` is the local-development switch; it has no effect once
    credentials are configured (tokens are then always validated).
    """

    client_id: str | None = None
    client_secret: str | None = None
    tenant_id: str | None = None
    managed_identity_client_id: str | None = None
    allow_unauthenticated: bool = False

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> TeamsSettings:
        env = os.environ if env is None else env

        def get(name: str) -> str | None:
            value = (env.get(name) or "").strip()
            return value or None

        flag = (env.get(ALLOW_UNAUTHENTICATED_ENV) or "").strip().lower()
        return cls(
            client_id=get("CLIENT_ID"),
            client_secret=get("CLIENT_SECRET"),
            tenant_id=get("TENANT_ID"),
            managed_identity_client_id=get("MANAGED_IDENTITY_CLIENT_ID"),
            allow_unauthenticated=flag in _TRUE,
        )

    @property
    def has_credentials(self) -> bool:
        """An app id is configured: incoming tokens are validated against it."""
        return self.client_id is not None

    @property
    def unauthenticated(self) -> bool:
        """Requests are accepted without a token (development flag and no credentials)."""
        return self.allow_unauthenticated and not self.has_credentials

    @property
    def enabled(self) -> bool:
        """Teams requests can be accepted at all."""
        return self.has_credentials or self.allow_unauthenticated

    def problem(self) -> str | None:
        """What is missing for Teams to reply, naming the variable; None when complete.

        Without a secret or a managed identity the SDK falls back to a managed identity
        that only exists inside Azure, and the bot could receive messages but never answer.
        New bots are single-tenant, so the tenant is needed to get the bot's own token.
        """
        secret_or_identity = self.client_secret or self.managed_identity_client_id
        if not self.client_id:
            if secret_or_identity or self.tenant_id:
                return "CLIENT_ID is not set"
            return None
        if not secret_or_identity:
            return "CLIENT_SECRET is not set (or MANAGED_IDENTITY_CLIENT_ID for a managed identity)"
        if not self.tenant_id:
            return "TENANT_ID is not set (the bot's directory (tenant) ID)"
        return None

    def __repr__(self) -> str:
        secret = "'***'" if self.client_secret else "None"
        return (
            f"TeamsSettings(client_id={self.client_id!r}, client_secret={secret}, "
            f"tenant_id={self.tenant_id!r}, "
            f"managed_identity_client_id={self.managed_identity_client_id!r}, "
            f"allow_unauthenticated={self.allow_unauthenticated!r})"
        )

    __str__ = __repr__
