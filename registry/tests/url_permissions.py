from accounts.tests.url_table import Case, everyone


def _site(world, which):
    return {"pk": world.sites[which].pk}


CASES = [
    Case(
        "registry:site_detail",
        allowed=everyone(200, provider=404),
        forbidden=everyone(404, administrator=200, evaluator=200),
        kwargs=_site,
    ),
]
