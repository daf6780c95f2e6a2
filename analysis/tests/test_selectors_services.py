import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.tests.factories import UserFactory
from analysis import selectors, services
from analysis.models import DegreeOverride, DegreeRuleConfig
from analysis.tests.factories import D, build_site, code
from audit.models import AuditEntry
from fieldwork.models import ExternalEvent, Factor, JointMeeting
from registry.models import Site

pytestmark = pytest.mark.django_db


def test_analysis_input_turns_the_database_into_records():
    build_site("A1")
    build_site("R1", programme="RP", visits=2)
    ExternalEvent.objects.create(kind="pandemic", starts_on=D(2020, 3, 11))
    meeting = JointMeeting.objects.create(held_on=D(2019, 5, 1), title="Erfaringsopsamling")
    Factor.objects.create(
        joint_meeting=meeting, site=Site.objects.get(code="R1"), valence="promoter", statement="Ro"
    )
    Factor.objects.create(joint_meeting=meeting, valence="inhibitor", statement="Travlhed")
    data = selectors.analysis_input()
    assert [s.code for s in data.sites] == ["A1", "R1"]
    assert len(data.visits) == 5 and all(v.report_id for v in data.visits)
    assert len(data.factors) == 12
    assert {(f.site, f.meeting_id) for f in data.factors if f.meeting_id} == {
        ("R1", meeting.pk),
        ("", meeting.pk),
    }
    goal = next(f for f in data.factors if f.valence == "promoter")
    assert (goal.driver, goal.mechanism, goal.site) == ("organisation", "facilitative_administration", "A1")
    assert {p.attention_point for p in data.passages} == {4}
    assert data.assessments[0].attention_points == (1,)
    assert len(data.trial_actions) == 2 and data.trial_actions[0].outcome == "done"
    assert {e.kind for e in data.events} == {"pandemic", "savings"}
    assert {c.kind for c in data.codes} == {"driver", "mechanism", "attention_point"}
    only_rp = selectors.analysis_input(programme="RP")
    assert [s.code for s in only_rp.sites] == ["R1"] and len(
        only_rp.factors
    ) == 5  # with its meeting statement
    assert {e.kind for e in only_rp.events} == {"pandemic", "savings"} and len(only_rp.events) == 2


def test_records_share_one_object_per_distinct_value():
    """What recurs across rows (site, valence, statement, day, codes) is one object, read once."""
    build_site("A1", visits=3)
    build_site("A2", visits=3)
    data = selectors.analysis_input()
    records = [*data.factors, *data.passages, *data.visits, *data.trial_actions]
    for field in ("site", "valence", "statement", "date", "driver", "mechanism", "text", "phase", "aim"):
        values = [getattr(r, field) for r in records if hasattr(r, field) and getattr(r, field)]
        assert len({id(value) for value in values}) == len(set(values)), field
    codes = {s.code: s.code for s in data.sites}
    assert all(f.site is codes[f.site] for f in data.factors if f.site)


def test_query_count_does_not_grow_with_sites(django_assert_num_queries):
    build_site("A1")
    with CaptureQueriesContext(connection) as small:
        services.analyse()
    for index in range(4):
        build_site(f"B{index}")
    with django_assert_num_queries(len(small.captured_queries)):
        result = services.analyse()
    assert len(result.sites) == 5


def test_analyse_and_site_status_through_the_services():
    build_site("A1")
    build_site("R1", programme="RP", visits=2)
    result = services.analyse("all")
    site = result.site("A1")
    assert site.attention_points == [1, 4]
    assert site.trial_actions.done == 1
    assert site.relapses == 0
    assert result.programmes.programmes[1].few_sites
    assert services.analyse("RP").programme == "RP"
    status = services.site_status("A1")
    assert status.trajectory.current_phase == "capacity_building"
    assert [p["number"] for p in status.attention_points_not_worked] == [2, 3, 5, 6, 7, 8, 9, 10]
    with pytest.raises(Site.DoesNotExist):
        services.site_status("NOPE")


def test_confirmations_and_override_are_applied_audited_and_masked():
    world = build_site("A1")
    user = UserFactory()
    row, masked = services.matrix_rating_confirm(
        site=world["site"],
        code=code("driver", "competence"),
        rating=-1,
        proposed=0,
        summary="Se 010203-1234",
        user=user,
    )
    assert masked == 1 and "010203-1234" not in row.summary
    services.capacity_rating_confirm(
        site=world["site"], period="2018", mechanism=code("mechanism", "coaching"), status="partly", user=user
    )
    services.degree_override_create(
        site=world["site"], degree="low", reason="Første", proposed="some", user=user
    )
    services.degree_override_create(site=world["site"], degree="high", reason="Nye oplysninger", user=user)
    result = services.analyse()
    assert result.driver_matrix.cells["A1"]["competence"].rating == -1
    assert result.driver_matrix.cells["A1"]["competence"].confirmation.confirmed_by == user.username
    assert result.capacity.cells["A1"]["2018"]["coaching"].status == "partly"
    summary = result.site("A1")
    assert summary.degree == "high" and summary.classification.override.reason == "Nye oplysninger"
    assert DegreeOverride.objects.count() == 2
    assert AuditEntry.objects.filter(model__icontains="degreeoverride").count() == 2


def test_bad_input_changes_nothing():
    world = build_site("A1")
    with pytest.raises(ValidationError):
        services.matrix_rating_confirm(site=world["site"], code=code("driver", "competence"), rating=3)
    with pytest.raises(ValidationError):
        services.matrix_rating_confirm(
            site=world["site"], code=code("attention_point", "clear_goals"), rating=1
        )
    with pytest.raises(ValidationError):
        services.degree_override_create(site=world["site"], degree="high", reason="  ")
    with pytest.raises(ValidationError):
        services.capacity_rating_confirm(
            site=world["site"], period="2018-H1", mechanism=code("mechanism", "coaching"), status="partly"
        )
    with pytest.raises(ValidationError):
        services.degree_rule_config_save(name="x", rules={"degree": {"thresholds": {"high": "høj"}}})
    assert DegreeOverride.objects.count() == 0 and DegreeRuleConfig.objects.count() == 0


def test_stored_rule_configuration_is_applied_and_history_kept():
    build_site("A1")
    before = services.analyse().site("A1").classification
    services.degree_rule_config_save(name="Første", rules={"degree": {"thresholds": {"high": 0.9}}})
    services.degree_rule_config_save(
        name="Anden", rules={"degree": {"criteria": {"attention_points": {"weight": 0}}}}, note="Uden punkter"
    )
    assert DegreeRuleConfig.objects.filter(is_active=True).get().name == "Anden"
    after = services.analyse().site("A1").classification
    assert "attention_points" in {c.key for c in before.criteria}
    assert next(c for c in after.criteria if c.key == "attention_points").weight == 0  # shown, not scored


def test_analyse_command_prints_json_and_rejects_unknown_programmes():
    build_site("A1")
    out = io.StringIO()
    call_command("analyse", "--programme", "MG", "--json", stdout=out)
    payload = json.loads(out.getvalue())
    assert payload["programme"] == "MG"
    site = payload["sites"][0]
    assert site["code"] == "A1" and site["degree"] in ("high", "some", "low")
    assert {c["key"] for c in site["degree_criteria"]} >= {"clear_goals", "team_with_management"}
    assert site["attention_points"] == [1, 4] and set(site["balance"]) == {
        "competence",
        "organisation",
        "leadership",
    }
    assert set(payload["degree_counts"]) == {"high", "some", "low", "unclassified"}
    text = io.StringIO()
    call_command("analyse", stdout=text)
    assert "A1" in text.getvalue()
    with pytest.raises(CommandError, match="Ukendt program"):
        call_command("analyse", "--programme", "XX")
