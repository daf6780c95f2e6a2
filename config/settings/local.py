"""The embedded default: one machine, SQLite under var/, served on 127.0.0.1."""

from config.settings.base import *  # noqa: F403
