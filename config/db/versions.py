"""The hook of the project's backends: a transaction's pending data-version changes are written as
its last statements (`audit.data_version.write_pending`), and dropped with a rollback."""


class VersionsBeforeCommit:
    def commit(self):
        if getattr(self, "pending_versions", None):
            # Imported here: the backend is loaded before the apps are.
            from audit.data_version import write_pending  # noqa: PLC0415

            write_pending(self)
        super().commit()

    def rollback(self):
        self.pending_versions = set()
        super().rollback()
