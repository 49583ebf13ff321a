# claimwatch: one image for every service; the command picks which one runs.
#   docker build -t claimwatch:local .
#   docker run --rm claimwatch:local --help

FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY pyproject.toml README.md ./
COPY libs ./libs
COPY services ./services
COPY cli ./cli
RUN python -m venv /opt/claimwatch \
 && /opt/claimwatch/bin/pip install .

FROM python:3.11-slim
ENV PATH=/opt/claimwatch/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    CLAIMWATCH_DATA_DIR=/var/lib/claimwatch \
    CLAIMWATCH_API_HOST=0.0.0.0 \
    CLAIMWATCH_LOG_FORMAT=json
RUN groupadd --system --gid 10001 claimwatch \
 && useradd --system --uid 10001 --gid claimwatch --home-dir /var/lib/claimwatch --create-home \
    --shell /usr/sbin/nologin claimwatch
COPY --from=build /opt/claimwatch /opt/claimwatch
USER 10001:10001
WORKDIR /var/lib/claimwatch
# 8080: API; 9100: /healthz and /metrics of the poller, extractor and alerter.
EXPOSE 8080 9100
ENTRYPOINT ["claimwatch"]
CMD ["--help"]
