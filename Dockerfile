# Rolebot server image: `docker build -t rolebot .`, then see "Deploy" in README.md.

# --- build stage: the wheel, with intents/, knowledge/ and teams/ inside it (bot/_data) ---
FROM python:3.11-slim AS builder
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
RUN pip install build==1.6.1
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY intents ./intents
COPY knowledge ./knowledge
COPY teams ./teams
RUN python -m build --wheel --outdir /dist

# --- runtime stage: the installed wheel and its runtime dependencies only ------------------
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
COPY --from=builder /dist/ /tmp/dist/
RUN pip install "$(echo /tmp/dist/rolebot-*.whl)[server,slack,teams]" \
    && rm -rf /tmp/dist \
    && useradd --create-home --uid 10001 --user-group rolebot \
    && mkdir -p /app/var \
    && chown rolebot:rolebot /app/var
WORKDIR /app
USER rolebot
# The default SQLite database lives here; mount a volume to keep it, or set DATABASE_URL.
ENV ROLEBOT_DATA_DIR=/app/var \
    ROLEBOT_LOG_FORMAT=json
VOLUME ["/app/var"]
# Knowledge and intents are baked in; mount your own and point at them to override:
#   -v "$PWD/knowledge:/knowledge:ro" -e ROLEBOT_KNOWLEDGE=/knowledge
#   -v "$PWD/intents:/intents:ro"     -e ROLEBOT_INTENTS=/intents
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:3000/healthz', timeout=4)"]
STOPSIGNAL SIGTERM
CMD ["rolebot", "serve", "--host", "0.0.0.0", "--port", "3000"]
