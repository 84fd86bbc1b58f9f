# labnotes: one process running the Discord and/or Slack bot, the digest scheduler and /healthz.
# The store and the trash live on the /data volume; the notes are mounted at /data/notes
# (docker-compose.yml), so the image can be replaced at will and never carries your notes.

# The note reader compiled (bot/compiled.py: less CPU for a big ingest). mypy and a C compiler are needed
# only here; the image takes the build and leaves them behind. Should compiling fail (no compiler package
# reachable), the image is still built and the reader runs as Python: slower, the same answers.
FROM python:3.12-slim AS reader
RUN (apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev \
    && rm -rf /var/lib/apt/lists/*) || echo "no C compiler: the note reader will run as Python"
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY adapters ./adapters
RUN pip install --no-cache-dir --disable-pip-version-check '.[dev]' \
    && (python -m bot.compile_reader || true) && mkdir -p bot/_compiled

FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Dependencies first, from pyproject.toml alone: a code change reuses this layer.
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt hatchling \
    && rm /tmp/requirements.txt

# Then the code, installed without touching the dependencies.
COPY README.md ./
COPY bot ./bot
COPY adapters ./adapters
# The build is valid only for this very source (its folder is named by the source's hash); the wheel takes
# it as an artifact, and the build log says which reader the installed bot runs.
COPY --from=reader /src/bot/_compiled ./bot/_compiled
RUN pip install --no-deps --no-build-isolation .
RUN cd / && python -c "import bot.notes.parse; from bot.compiled import in_use; print('note reader:', 'compiled' if in_use() else 'Python')"

COPY data/catalog.yaml /app/catalog.yaml

# A fixed uid makes bind-mounted folders easy to chown on the host (chown -R 10001 ./data/notes).
# /state: where shard processes mount the shared state volume; a new named volume takes this owner.
RUN useradd --uid 10001 --create-home --shell /usr/sbin/nologin labnotes \
    && mkdir -p /data/notes /state \
    && chown -R labnotes:labnotes /data /state
# Only the bundled sample note, as the default notes folder: a folder mounted at /data/notes hides it,
# and `docker run` with nothing mounted can still answer /lab meta.
COPY --chown=labnotes:labnotes data/notes/open_source_ai_models.md /data/notes/

ENV LABNOTES_NOTES=/data/notes \
    LABNOTES_DB=/data/labnotes.db \
    LABNOTES_CATALOG=/app/catalog.yaml \
    LABNOTES_HEALTH_HOST=0.0.0.0 \
    LABNOTES_HEALTH_PORT=8080

USER labnotes
VOLUME ["/data"]
# 8080: /healthz; 3000: Slack HTTP mode (not needed with Socket Mode or Discord)
EXPOSE 8080 3000

# urlopen raises on 503, so an enabled adapter that is down marks the container unhealthy.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8080/healthz', timeout=5)"]

# Ingest new and changed notes, then run. `exec` makes labnotes PID 1, so `docker stop` (SIGTERM)
# reaches it and in-flight commands finish before it exits.
CMD ["sh", "-c", "labnotes ingest --quiet && exec labnotes run"]
