"""The `drivkraft` console command: Django's management commands plus the project's own."""

import os
import sys

from django.core.management import execute_from_command_line


def command_argv(argv: list[str]) -> list[str]:
    """`drivkraft train-coder` runs the Django command `train_coder`: hyphens become underscores."""
    if argv and not argv[0].startswith("-"):
        return [argv[0].replace("-", "_"), *argv[1:]]
    return list(argv)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

    execute_from_command_line(["drivkraft", *command_argv(sys.argv[1:])])
