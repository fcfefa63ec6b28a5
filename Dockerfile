# Rolebot server image: `docker build -t rolebot .`, then see "Deploy" in README.md.
#
# The base image is pinned to an exact Python release on an exact Debian release; to move,
# change PYTHON_IMAGE here (or pass --build-arg PYTHON_IMAGE=python:X.Y.Z-slim-trixie@sha256:...
# to pin a digest) and rebuild. Dependencies come from requirements.lock (every transitive
# version, with hashes; `make lock` regenerates it from pyproject.toml).
ARG PYTHON_IMAGE=python:3.11.14-slim-bookworm

# --- build stage: the wheel, with intents/, knowledge/ and teams/ inside it (bot/_data) ---
FROM ${PYTHON_IMAGE} AS builder
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
RUN pip install build==1.6.1
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY intents ./intents
COPY knowledge ./knowledge
COPY teams ./teams
RUN python -m build --wheel --outdir /dist

# --- runtime stage: the locked dependencies (their own layer), then the wheel -------------
FROM ${PYTHON_IMAGE}
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
# This layer changes only when requirements.lock does, not on every code change.
COPY requirements.lock /tmp/requirements.lock
RUN pip install --require-hashes --no-deps -r /tmp/requirements.lock \
    && rm /tmp/requirements.lock \
    && groupadd --gid 10001 rolebot \
    && useradd --create-home --uid 10001 --gid 10001 rolebot \
    && mkdir -p /app/var \
    && chown 10001:10001 /app/var
COPY --from=builder /dist/ /tmp/dist/
RUN pip install --no-deps /tmp/dist/rolebot-*.whl && rm -rf /tmp/dist
WORKDIR /app
USER 10001:10001
# The default SQLite database lives here; mount a volume to keep it, or set DATABASE_URL.
# PORT is the port `rolebot serve` listens on (platforms that assign one set it).
ENV ROLEBOT_DATA_DIR=/app/var \
    ROLEBOT_LOG_FORMAT=json \
    PORT=3000
VOLUME ["/app/var"]
# Knowledge and intents are baked in; mount your own and point at them to override:
#   -v "$PWD/knowledge:/knowledge:ro" -e ROLEBOT_KNOWLEDGE=/knowledge
#   -v "$PWD/intents:/intents:ro"     -e ROLEBOT_INTENTS=/intents
EXPOSE 3000
# Liveness only: a database outage must not get every replica restarted (see /readyz).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/livez' % (os.environ.get('PORT') or 3000), timeout=4)"]
STOPSIGNAL SIGTERM
CMD ["rolebot", "serve", "--host", "0.0.0.0"]
