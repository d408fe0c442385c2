# syntax=docker/dockerfile:1
# Two stages: the first installs dependencies into a virtualenv (with build tools at
# hand), the second is the slim runtime that only copies that virtualenv and the code.

FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY core ./core
COPY renderers ./renderers
COPY storage ./storage
COPY fonts ./fonts
# Editable, so renderers find fonts/ beside them; /app has the same path in the runtime.
RUN pip install -e .

FROM python:3.11-slim AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PATH=/opt/venv/bin:$PATH \
    FLYERBOT_DATA_DIR=/data FLYERBOT_HTTP_HOST=0.0.0.0 FLYERBOT_HTTP_PORT=8080
RUN useradd --create-home --uid 10001 flyerbot && mkdir /data && chown flyerbot /data
COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app
WORKDIR /app
USER flyerbot
VOLUME ["/data"]
EXPOSE 8080
# /healthz is 200 only while the database answers and, in a worker, the scheduler runs.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8080/healthz', timeout=4).status != 200)"]
CMD ["flyerbot", "run"]
