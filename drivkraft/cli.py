"""The `drivkraft` console command: Django's management commands plus the project's own."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["drivkraft", *sys.argv[1:]])
