# Production image: gunicorn behind a TLS-terminating proxy, static files served by whitenoise.
FROM python:3.11-slim-bookworm AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONDONTWRITEBYTECODE=1
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md ./
RUN python -m venv /venv \
    && /venv/bin/pip install --no-cache-dir --upgrade "pip>=25.1" \
    && /venv/bin/pip install --no-cache-dir --group prod
COPY . .
# Settings need these to import; nothing connects to the database while building.
RUN export DJANGO_ENV=production SECRET_KEY=build-only ALLOWED_HOSTS=build SITE_URL=http://build \
        DATABASE_URL=postgres://build@localhost/build \
    && /venv/bin/python manage.py compilemessages --ignore=.venv -v 0 \
    && /venv/bin/python manage.py collectstatic --noinput -v 0

FROM python:3.11-slim-bookworm
# WeasyPrint draws the PDF letters with Pango; the fonts are Debian's.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
        libharfbuzz-subset0 fontconfig fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
# pysaml2 signs, verifies and decrypts NemLog-in's messages with xmlsec1.
RUN apt-get update \
    && apt-get install -y --no-install-recommends xmlsec1 \
    && rm -rf /var/lib/apt/lists/*
ENV PATH=/venv/bin:$PATH PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 DJANGO_ENV=production \
    MEDIA_ROOT=/data/media
RUN useradd --system --uid 10001 --home-dir /app frivillig \
    && mkdir -p /data/media && chown frivillig /data/media
COPY --from=build /venv /venv
COPY --from=build /app /app
WORKDIR /app
USER frivillig
EXPOSE 8000
# The web server by default; the worker with the command `python manage.py procrastinate worker`
# (compose.yaml's worker service). The access log leaves out the secret tokens of links (password
# reset, activation).
CMD ["gunicorn", "frivillig.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", \
     "--access-logfile", "-", "--logger-class", "frivillig.accesslog.TokenHidingLogger", \
     "--forwarded-allow-ips", "*"]
