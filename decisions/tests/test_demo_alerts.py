"""On the demo data, the sites planted as low get more alerts than the sites planted as high.

Only this test reads var/demo-truth.json (the planted profiles); the application never does.
"""

import io
import json
import statistics
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from decisions.selectors import enabled_rules, site_alerts, site_history
from registry.models import Site


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize("seed", [2018, 7])
def test_low_sites_get_more_alerts_than_high_sites(seed):
    call_command("demo", sites=14, seed=seed, stdout=io.StringIO())
    truth = json.loads((Path(settings.DRIVKRAFT_VAR_DIR) / "demo-truth.json").read_text("utf-8"))
    degree = {site["code"]: site["degree"] for site in truth["sites"]}
    rules = enabled_rules()
    counts: dict[str, list[int]] = {"high": [], "some": [], "low": []}
    for site in Site.objects.order_by("code"):
        counts[degree[site.code]].append(len(site_alerts(site_history(site), rules)))
    assert counts["high"] and counts["low"]
    assert statistics.mean(counts["low"]) > statistics.mean(counts["some"]) > statistics.mean(counts["high"])
    assert min(counts["low"]) > max(counts["high"]), counts
