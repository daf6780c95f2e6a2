from accounts.tests.url_table import Case, everyone


def _status(world, which):
    return {"pk": world.sites[which].pk, "fmt": "html"}


CASES = [
    Case("publishing:index", allowed=everyone(200)),
    Case(
        "publishing:evaluation_report",
        allowed=everyone(200, consultant=403, team_member=403),
        kwargs=lambda world, which: {"programme": "all", "fmt": "html"},
        note="Providers get the aggregated edition (no free text, no site rows).",
    ),
    Case(
        "publishing:status_report",
        allowed=everyone(200, provider=404),
        forbidden=everyone(404, administrator=200, evaluator=200),
        kwargs=_status,
    ),
]
