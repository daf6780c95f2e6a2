from django.db.backends.sqlite3 import base

from config.db.versions import VersionsBeforeCommit


class DatabaseWrapper(VersionsBeforeCommit, base.DatabaseWrapper):
    pass
