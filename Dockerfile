FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 FLYERBOT_DATA_DIR=/data
WORKDIR /app

COPY pyproject.toml README.md ./
COPY bot ./bot
COPY core ./core
COPY renderers ./renderers
COPY storage ./storage
COPY fonts ./fonts
# Editable, so renderers find fonts/ beside them.
RUN pip install --no-cache-dir -e .

RUN useradd --create-home flyerbot && mkdir /data && chown flyerbot /data
USER flyerbot
VOLUME ["/data"]
CMD ["flyerbot", "run"]
