"""A multi-user installation behind a TLS proxy. Refuses to start without a secret key."""

from django.core.exceptions import ImproperlyConfigured

from config.env import env
from config.settings.base import *  # noqa: F403

SECRET_KEY = env("DRIVKRAFT_SECRET_KEY")
if not SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "DRIVKRAFT_SECRET_KEY must be set to a random value of at least 50 characters."
    )

DEBUG = False
ALLOWED_HOSTS = [h for h in (env("DRIVKRAFT_ALLOWED_HOSTS", "") or "").split(",") if h] or ["localhost"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
