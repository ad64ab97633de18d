# Versus: the Discord bot. Build: docker build -t versus .
# Run:   docker run --rm -e DISCORD_TOKEN=... versus
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN useradd --create-home --uid 10001 versus
WORKDIR /app

COPY pyproject.toml README.md ./
COPY catalog ./catalog
COPY engine ./engine
COPY bot ./bot
COPY cli ./cli
RUN pip install . && rm -rf /root/.cache

USER versus
# The token comes from the environment (DISCORD_TOKEN); never bake it into the image.
ENTRYPOINT ["versus"]
CMD ["bot"]
