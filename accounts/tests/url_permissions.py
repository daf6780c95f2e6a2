from accounts.tests.url_table import Case, everyone

CASES = [
    Case("accounts:login", allowed=everyone(200, anonymous=200)),
    Case("accounts:logout", allowed=everyone(302), method="post"),
    Case("accounts:password_change", allowed=everyone(200)),
    Case("accounts:password_change_done", allowed=everyone(200)),
    Case("accounts:password_reset", allowed=everyone(200, anonymous=200)),
    Case("accounts:password_reset_done", allowed=everyone(200, anonymous=200)),
    Case(
        "accounts:password_reset_confirm",
        allowed=everyone(200, anonymous=200),
        kwargs=lambda world, which: {"uidb64": "MQ", "token": "forkert-noegle"},
        note="An invalid link shows the page saying so.",
    ),
    Case("accounts:password_reset_complete", allowed=everyone(200, anonymous=200)),
    Case("home", allowed=everyone(200, team_member=302)),
]
