"""A programme's chapter of the all-programme report is a view of the one analysis; it must say the
same as analysing that programme on its own."""

import pytest

from analysis.computations.result import run_analysis
from analysis.selectors import active_config, analysis_input
from analysis.services import analyse
from publishing.services import programme_view
from publishing.tests.factories import build_report_world

pytestmark = pytest.mark.django_db


def test_programme_view_matches_the_programme_analysed_alone():
    build_report_world()
    data = analysis_input()
    overall = run_analysis(data, active_config(), None)
    for code in ("MG", "RP"):
        view = programme_view(overall, data.factors, code)
        alone = analyse(code)
        assert [s.code for s in view.sites] == [s.code for s in alone.sites]
        assert view.degree_counts == alone.degree_counts
        assert view.profiles.frequent == alone.profiles.frequent
        assert view.distinguishing_drivers == alone.distinguishing_drivers
        assert view.driver_matrix.sites == alone.driver_matrix.sites
        assert {
            (site, d): view.driver_matrix.rating(site, d)
            for site in view.driver_matrix.sites
            for d in view.driver_matrix.codes
        } == {
            (site, d): alone.driver_matrix.rating(site, d)
            for site in alone.driver_matrix.sites
            for d in alone.driver_matrix.codes
        }
        assert set(view.trajectories) == {s.code for s in alone.sites}
    assert overall.programmes.programmes[0].sites == 3
