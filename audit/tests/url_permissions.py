"""The audit log is for administrators only."""

from accounts.tests.url_table import Case, everyone

ADMIN_ONLY = everyone(403, administrator=200)

CASES = [
    Case("audit:log", allowed=ADMIN_ONLY),
    Case("audit:export", allowed=ADMIN_ONLY),
]
