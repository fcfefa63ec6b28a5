"""The command line: ask, chat and the maintenance commands (build, check, eval, serve ...)."""
