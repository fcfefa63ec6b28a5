"""Fakes of the outside services the bot talks to, as small real servers on 127.0.0.1."""
