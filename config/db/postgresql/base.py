from django.db.backends.postgresql import base

from config.db.versions import VersionsBeforeCommit


class DatabaseWrapper(VersionsBeforeCommit, base.DatabaseWrapper):
    pass
