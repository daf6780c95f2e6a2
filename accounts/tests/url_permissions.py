from accounts.tests.url_table import Case, everyone

CASES = [
    Case("accounts:login", allowed=everyone(200, anonymous=200)),
    Case("accounts:logout", allowed=everyone(302), method="post"),
    Case("home", allowed=everyone(200, team_member=302)),
]
