"""`drivkraft serve [--port P] [--workers N] [--threads T] [--with-worker]`: the web application on
127.0.0.1 with gunicorn.

The defaults suit the 2-core machine (`config/gunicorn_conf.py`, docs/performance.md): 3 processes (one per core and one more
to use the time a request waits for the database) with 4 threads each (gthread), so up to 12
requests are served at once without more processes than the cores can run; keep-alive 10 s, so a
user who pauses between pages finds the connection open; heavy work (reports, retraining) runs in
the task worker, not in a request.
"""

import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

GUNICORN_CONF = settings.BASE_DIR / "config" / "gunicorn_conf.py"


class Command(BaseCommand):
    help = _(
        "Starter webapplikationen på 127.0.0.1 (gunicorn), eventuelt med en baggrundsworker ved siden af."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000, help=_("Port (standard 8000)."))
        parser.add_argument(
            "--workers", type=int, default=3, help=_("Antal gunicorn-processer (standard 3).")
        )
        parser.add_argument(
            "--threads", type=int, default=4, help=_("Antal tråde pr. gunicorn-proces (standard 4).")
        )
        parser.add_argument(
            "--with-worker",
            action="store_true",
            help=_("Start også én `drivkraft worker` og stop den med serveren."),
        )

    def handle(self, *args, port: int, workers: int, threads: int, with_worker: bool, **options):
        if not 1 <= port <= 65535:
            raise CommandError(_("Porten skal ligge mellem 1 og 65535."))
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "config.settings.local"),
        }
        server_command = [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--config",
            str(GUNICORN_CONF),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(max(1, min(workers, 3))),
            "--threads",
            str(max(1, min(threads, 16))),
            "--access-logfile",
            "-",
        ]
        worker = None
        if with_worker:
            worker = subprocess.Popen(
                [sys.executable, "-m", "django", "worker", "--queue-name", "*"], env=env
            )
            self.stdout.write(_("Baggrundsworker startet (pid %(pid)d).") % {"pid": worker.pid})
        self.stdout.write(
            _("Webapplikationen kører på http://127.0.0.1:%(port)d/ – stop med Ctrl+C.") % {"port": port}
        )
        server = subprocess.Popen(server_command, env=env)
        previous = signal.signal(signal.SIGTERM, lambda signum, frame: server.terminate())
        try:
            code = server.wait()
        except KeyboardInterrupt:
            server.terminate()
            code = server.wait()
        finally:
            signal.signal(signal.SIGTERM, previous)
            if worker is not None:
                _stop(worker)
                self.stdout.write(_("Baggrundsworker stoppet."))
        if code not in (0, -signal.SIGTERM, -signal.SIGINT):
            raise CommandError(_("Webserveren stoppede med kode %(code)d.") % {"code": code})


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
