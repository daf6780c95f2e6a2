"""gunicorn's settings for the 2-core machine, used by `drivkraft serve` and `bench/load.py`
(docs/performance.md says why each is what it is).

One process per core plus one to use the time requests wait for PostgreSQL; threads overlap the
database waits. No keep-alive: each request is a new connection, taken by whichever process is
free to accept it. A kept-alive connection stays with the process that accepted it, and with fifty
users that left 20, 20 and 10 connections on the three processes, so half the users waited twice as
long as the rest (docs/performance.md). Behind a reverse proxy the proxy keeps the browsers'
connections alive. The application is loaded before the processes fork and the objects it made are
frozen out of the garbage collector, so that no process scans Django's and the codebook's
long-lived objects again at every collection.
"""

import gc

worker_class = "gthread"
workers = 3
threads = 4
timeout = 120
keepalive = 0
preload_app = True


def when_ready(server):
    from django.db import connections  # noqa: PLC0415 — Django is loaded by now (preload_app)

    connections.close_all()  # no database connection is shared by the forked processes
    gc.freeze()
