"""The embedded default: one machine, SQLite under var/, served on 127.0.0.1."""

from config.settings.base import *  # noqa: F403

# Password-reset mails are printed by `drivkraft serve` (the demo has no mail server).
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
