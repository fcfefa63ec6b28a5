"""Data files: YAML loading with file:line errors, the intents reader, default folders."""
