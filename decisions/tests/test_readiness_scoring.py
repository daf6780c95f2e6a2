"""Readiness scoring on hand-built questionnaires and on the shipped one."""

import pytest

from decisions.readiness import answer_errors, compare, load_questionnaire, score

SMALL = {
    "version": 7,
    "risk_below": 0.5,
    "levels": [
        {"key": "prepared", "min": 0.75},
        {"key": "partly", "min": 0.5},
        {"key": "vulnerable", "min": 0.0},
    ],
    "questions": [
        {
            "key": "supervision",
            "driver": "competence",
            "weight": 2,
            "kind": "single",
            "attention_points": [1],
            "options": [
                {"value": "yes", "points": 1.0},
                {"value": "some", "points": 0.4},
                {"value": "unknown", "points": None},
            ],
        },
        {
            "key": "time",
            "driver": "competence",
            "weight": 1,
            "kind": "single",
            "attention_points": [3],
            "options": [{"value": "yes", "points": 1.0}, {"value": "no", "points": 0.0}],
        },
        {
            "key": "pressures",
            "driver": "organisation",
            "weight": 1,
            "kind": "multiple",
            "attention_points": [10],
            "options": [
                {"value": "none", "penalty": 0.0, "exclusive": True},
                {"value": "savings", "penalty": 0.35},
                {"value": "crisis", "penalty": 0.5},
            ],
        },
        {
            "key": "style",
            "driver": "leadership",
            "weight": 1,
            "kind": "single",
            "attention_points": [8],
            "options": [{"value": "democratic", "points": 1.0}, {"value": "authoritarian", "points": 0.0}],
        },
    ],
    "considerations": [
        {"question": "pressures", "values": ["crisis"], "programme": "MG"},
        {"question": "time", "values": ["no"], "programme": "RP"},
    ],
}


def test_weighted_profile_risks_and_attention_points():
    result = score(
        SMALL, {"supervision": "some", "time": "yes", "pressures": ["savings"], "style": "authoritarian"}
    )
    competence, organisation, leadership = result.drivers
    assert competence.score == pytest.approx((0.4 * 2 + 1.0) / 3, abs=1e-4)
    assert competence.level == "partly"
    assert organisation.score == pytest.approx(0.65) and organisation.level == "partly"
    assert leadership.score == 0.0
    assert [risk.question for risk in result.risks] == ["supervision", "style"]
    assert result.attention_points == (1, 8)
    assert result.overall == pytest.approx((0.8 + 1.0 + 0.65 + 0.0) / 5, abs=1e-4)
    assert result.version == 7


def test_penalties_add_up_and_stop_at_zero():
    result = score(
        SMALL,
        {"supervision": "yes", "time": "yes", "pressures": ["savings", "crisis"], "style": "democratic"},
    )
    assert result.drivers[1].score == pytest.approx(0.15, abs=1e-4)
    assert result.risks[0].question == "pressures"
    assert [c.programme for c in result.considerations] == ["MG"]


def test_dont_know_is_left_out_and_reported():
    result = score(
        SMALL, {"supervision": "unknown", "time": "no", "pressures": ["none"], "style": "democratic"}
    )
    assert result.drivers[0].score == 0.0
    assert result.drivers[0].answered == 1 and result.drivers[0].unknown == 1
    assert result.unknown == ("supervision",)
    assert result.drivers[1].level == "prepared"
    assert [(c.programme, c.question) for c in result.considerations] == [("RP", "time")]


def test_a_driver_with_only_dont_know_has_no_score():
    small = {**SMALL, "questions": SMALL["questions"][:1]}
    result = score(small, {"supervision": "unknown"})
    assert result.drivers[0].score is None and result.drivers[0].level == "unknown"
    assert result.overall is None


def test_answer_errors():
    assert answer_errors(SMALL, {}) == {
        "supervision": "missing",
        "time": "missing",
        "pressures": "missing",
        "style": "missing",
    }
    errors = answer_errors(
        SMALL,
        {
            "supervision": "maybe",
            "time": "yes",
            "pressures": ["none", "crisis"],
            "style": "democratic",
            "x": 1,
        },
    )
    assert errors == {"supervision": "invalid", "pressures": "exclusive", "x": "unknown"}
    with pytest.raises(ValueError):
        score(SMALL, {"supervision": "yes"})


def test_compare_per_driver():
    before = score(
        SMALL, {"supervision": "some", "time": "no", "pressures": ["crisis"], "style": "authoritarian"}
    )
    after = score(
        SMALL, {"supervision": "yes", "time": "yes", "pressures": ["none"], "style": "authoritarian"}
    )
    changes = {change.driver: change.change for change in compare(before.as_json(), after.as_json())}
    assert changes["competence"] == pytest.approx(1.0 - 0.8 / 3, abs=1e-4)
    assert changes["organisation"] == pytest.approx(0.5, abs=1e-4)
    assert changes["leadership"] == 0.0


class TestShippedQuestionnaire:
    questionnaire = load_questionnaire()

    def answers(self, pick):
        return {
            q["key"]: ([q["options"][0]["value"]] if q["kind"] == "multiple" else pick(q))
            for q in self.questionnaire["questions"]
        }

    def test_every_question_is_documented_with_its_finding_and_points(self):
        numbers = set(range(1, 11))
        for question in self.questionnaire["questions"]:
            assert question["driver"] in ("competence", "organisation", "leadership")
            assert question["da"] and question["en"] and question["risk_da"] and question["risk_en"]
            assert question["finding"], question["key"]
            assert set(question["attention_points"]) <= numbers and question["attention_points"]
            for option in question["options"]:
                assert option["da"] and option["en"]

    def test_the_prerequisites_of_the_brief_are_asked(self):
        keys = {question["key"] for question in self.questionnaire["questions"]}
        assert {
            "practice_compatible",
            "goals_clarified",
            "goals_shared",
            "management_decision",
            "team_composition",
            "all_staff",
            "reflection_time",
            "supervision",
            "staff_turnover",
            "new_staff_plan",
            "separate_addresses",
            "external_pressures",
            "leadership_style",
            "culture",
        } <= keys

    def test_best_answers_are_prepared_without_risks(self):
        result = score(self.questionnaire, self.answers(lambda q: q["options"][0]["value"]))
        assert all(profile.level == "prepared" for profile in result.drivers)
        assert result.risks == () and result.attention_points == ()

    def test_worst_answers_are_vulnerable_and_call_for_attention_points(self):
        def worst(question):
            known = [o for o in question["options"] if o.get("points") is not None]
            return min(known, key=lambda o: o["points"])["value"]

        result = score(self.questionnaire, self.answers(worst))
        assert all(profile.level == "vulnerable" for profile in result.drivers)
        assert {1, 2, 3, 4, 5, 8, 9} <= set(result.attention_points)
        assert result.risks[0].weight == 2
