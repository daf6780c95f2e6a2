"""Coding rounds: blind coding, sentence units, side-by-side comparison, consensus and agreement."""

import io
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import UserFactory
from analysis.selectors import analysis_input
from codebook.models import Code, CodebookVersion
from coding import rounds, selectors, services
from coding.classifier.text import split_sentences
from coding.models import CodedPassage, PassageOrigin
from fieldwork.models import ReportSection
from fieldwork.tests.factories import ReportFactory

TEXT = "Ledelsen har besluttet, at programmet er metoden. Der er ikke tid til supervision. Teamet mødes hver uge."
FIRST, SECOND, THIRD = split_sentences(TEXT)


@pytest.fixture
def world(db):
    report = ReportFactory(sections={"leadership": TEXT})
    section = ReportSection.objects.get(report=report, theme="leadership")
    anna = UserFactory(username="anna", role=Role.EVALUATOR)
    bo = UserFactory(username="bo", role=Role.ADMINISTRATOR)
    coding_round = rounds.coding_round_create(user=anna, name="Forår", reports=[report], coders=[anna, bo])
    codes = {c.key: c for c in Code.objects.filter(kind__in=["driver", "mechanism"])}
    return {
        "report": report,
        "section": section,
        "anna": anna,
        "bo": bo,
        "round": coding_round,
        "codes": codes,
    }


def code(world, user, span, driver, valence="", mechanism=None):
    return rounds.round_passage_code(
        coding_round=world["round"],
        user=user,
        section=world["section"],
        start=span[0],
        end=span[1],
        driver=world["codes"][driver],
        mechanism=world["codes"][mechanism] if mechanism else None,
        valence=valence,
    )


def test_sentence_spans_of_the_fixture():
    assert TEXT[slice(*FIRST)].endswith("metoden.") and TEXT[slice(*SECOND)].startswith("Der er")
    assert TEXT[slice(*THIRD)] == "Teamet mødes hver uge."


def test_a_round_needs_two_coders_who_code_and_a_unique_name(world):
    consultant = UserFactory(role=Role.CONSULTANT)
    with pytest.raises(ValidationError) as error:
        rounds.coding_round_create(
            user=world["anna"], name="Forår", reports=[world["report"]], coders=[world["anna"], consultant]
        )
    assert {"coders", "name"} <= set(error.value.message_dict)
    with pytest.raises(PermissionDenied):
        rounds.coding_round_create(user=consultant, name="Ny", reports=[world["report"]], coders=[])


def test_blind_coders_see_only_their_own_codes_until_the_round_is_closed(world, client):
    code(world, world["anna"], FIRST, "leadership", "promoter")
    code(world, world["bo"], FIRST, "organisation", "promoter")
    assert [p.coder for p in rounds.round_passages(world["round"], world["anna"])] == [world["anna"]]
    client.force_login(world["anna"])
    page = client.get(
        reverse(
            "coding_rounds:code_report", kwargs={"pk": world["round"].pk, "report_id": world["report"].pk}
        )
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert f'value="{world["codes"]["leadership"].pk}" selected' in html
    assert f'value="{world["codes"]["organisation"].pk}" selected' not in html
    compare = client.get(reverse("coding_rounds:compare", kwargs={"pk": world["round"].pk}))
    assert compare.status_code == 302
    detail = client.get(reverse("coding_rounds:detail", kwargs={"pk": world["round"].pk}))
    assert "Krippendorff" not in detail.content.decode()

    rounds.coding_round_close(coding_round=world["round"], user=world["anna"])
    assert len(rounds.round_passages(world["round"], world["anna"])) == 2
    compare = client.get(reverse("coding_rounds:compare", kwargs={"pk": world["round"].pk}))
    assert compare.status_code == 200 and "bo" in compare.content.decode()
    with pytest.raises(ValidationError):
        code(world, world["anna"], SECOND, "competence")


def test_coding_the_same_span_again_changes_the_code_and_outsiders_cannot_code(world):
    first = code(world, world["anna"], FIRST, "leadership", "promoter")
    again = code(world, world["anna"], FIRST, "leadership", "neutral", mechanism="technical_leadership")
    assert first.pk == again.pk and again.valence == "neutral"
    with pytest.raises(ValidationError):
        code(world, world["anna"], FIRST, "leadership", mechanism="coaching")
    outsider = UserFactory(role=Role.EVALUATOR)
    with pytest.raises(PermissionDenied):
        code(world, outsider, FIRST, "leadership")


def test_units_are_sentences_and_the_largest_overlap_counts(world):
    # anna codes the first two sentences as one passage; bo codes each sentence, plus a sliver
    code(world, world["anna"], (0, SECOND[1]), "leadership", "promoter")
    code(world, world["bo"], FIRST, "leadership", "promoter")
    code(world, world["bo"], SECOND, "competence", "inhibitor")
    code(world, world["bo"], (FIRST[1] - 6, SECOND[0] + 3), "organisation")
    units = rounds.round_units(world["round"])
    assert [(u.start, u.end) for u in units] == [FIRST, SECOND]
    assert units[0].codings["bo"].driver.key == "leadership"
    assert units[1].codings["bo"].driver.key == "competence"
    assert units[1].codings["anna"].driver.key == "leadership"
    assert units[0].agrees and not units[1].agrees


def test_consensus_keeps_both_originals_and_is_no_coder(world):
    a = code(world, world["anna"], SECOND, "competence", "inhibitor")
    b = code(world, world["bo"], SECOND, "organisation", "inhibitor")
    with pytest.raises(ValidationError):
        rounds.consensus_settle(
            coding_round=world["round"],
            user=world["anna"],
            section=world["section"],
            start=SECOND[0],
            end=SECOND[1],
            driver=world["codes"]["competence"],
        )
    rounds.coding_round_close(coding_round=world["round"], user=world["bo"])
    settled = rounds.consensus_settle(
        coding_round=world["round"],
        user=world["anna"],
        section=world["section"],
        start=SECOND[0],
        end=SECOND[1],
        driver=world["codes"]["competence"],
        mechanism=world["codes"]["coaching"],
        valence="inhibitor",
    )
    assert settled.origin == PassageOrigin.CONSENSUS
    assert set(settled.consensus_of.all()) == {a, b}
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.driver.key, b.driver.key) == ("competence", "organisation")
    unit = rounds.round_units(world["round"])[0]
    assert unit.consensus == settled and set(unit.codings) == {"anna", "bo"}
    figures = rounds.round_agreement(world["round"])[0]
    assert figures["overall"]["coders"] == ["anna", "bo"]


def test_agreement_per_codebook_version_with_the_model_as_coder(world):
    for span, (a, b, m) in zip(
        (FIRST, SECOND, THIRD),
        [("leadership",) * 3, ("competence", "competence", "organisation"), ("organisation",) * 3],
        strict=True,
    ):
        code(world, world["anna"], span, a, "promoter")
        code(world, world["bo"], span, b, "promoter")
        CodedPassage.objects.create(
            coding_round=world["round"],
            section=world["section"],
            start=span[0],
            end=span[1],
            text=TEXT[span[0] : span[1]],
            model_version="m1",
            codebook_version=CodebookVersion.objects.get(number=1),
            driver=world["codes"][m],
            valence="promoter",
            origin=PassageOrigin.MODEL,
        )
    version_two = CodebookVersion.objects.create(number=2, note="ny definition")
    late = code(world, world["anna"], THIRD, "organisation", "promoter")
    late.codebook_version = version_two
    late.save()
    figures = rounds.round_agreement(world["round"])
    assert [f["codebook_version"] for f in figures] == [1, 2]
    first = figures[0]
    assert first["heads"]["driver"]["coders"] == ["anna", "bo", "model:m1"]
    pairs = {tuple(p["coders"]): p for p in first["heads"]["driver"]["cohen_kappa"]}
    assert pairs[("anna", "bo")]["units"] == 2
    assert "driver:leadership" in first["codes"]

    out = io.StringIO()
    call_command("agreement", "--round", "Forår", stdout=out)
    payload = json.loads(out.getvalue())
    assert payload["round"] == "Forår"
    assert (
        payload["versions"][0]["heads"]["driver"]["krippendorff_alpha"]
        == first["heads"]["driver"]["krippendorff_alpha"]
    )


def test_agreement_command_reads_csv_and_refuses_bad_files(tmp_path):
    good = tmp_path / "codes.csv"
    good.write_text("unit,coder,code\n1,a,x\n1,b,x\n2,a,y\n2,b,x\n3,a,y\n", encoding="utf-8")
    out = io.StringIO()
    call_command("agreement", "--input", str(good), stdout=out)
    payload = json.loads(out.getvalue())
    assert set(payload) >= {"krippendorff_alpha", "percent_agreement", "cohen_kappa"}
    assert payload["percent_agreement"] == 0.5
    assert payload["cohen_kappa"] == [{"coders": ["a", "b"], "kappa": 0.0, "units": 2}]
    bad = tmp_path / "bad.csv"
    bad.write_text("unit,who,code\n1,a,x\n", encoding="utf-8")

    with pytest.raises(CommandError, match="coder"):
        call_command("agreement", "--input", str(bad), stdout=io.StringIO())
    conflict = tmp_path / "conflict.csv"
    conflict.write_text("unit,coder,code\n1,a,x\n1,a,y\n", encoding="utf-8")
    with pytest.raises(CommandError, match="to koder"):
        call_command("agreement", "--input", str(conflict), stdout=io.StringIO())


def test_coding_a_sentence_through_the_page_with_htmx(world, client):
    client.force_login(world["bo"])
    url = reverse(
        "coding_rounds:code_report", kwargs={"pk": world["round"].pk, "report_id": world["report"].pk}
    )
    prefix = f"u{world['section'].pk}-{SECOND[0]}"
    response = client.post(
        url,
        {
            "prefix": prefix,
            f"{prefix}-section": world["section"].pk,
            f"{prefix}-start": SECOND[0],
            f"{prefix}-end": SECOND[1],
            f"{prefix}-driver": world["codes"]["competence"].pk,
            f"{prefix}-mechanism": world["codes"]["coaching"].pk,
            f"{prefix}-valence": "inhibitor",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and "kodet" in response.content.decode()
    passage = CodedPassage.objects.get(coding_round=world["round"], coder=world["bo"])
    assert (passage.start, passage.end, passage.mechanism.key) == (*SECOND, "coaching")
    wrong = client.post(
        url,
        {
            "prefix": prefix,
            f"{prefix}-section": world["section"].pk,
            f"{prefix}-start": SECOND[0],
            f"{prefix}-end": SECOND[1],
            f"{prefix}-driver": world["codes"]["leadership"].pk,
            f"{prefix}-mechanism": world["codes"]["coaching"].pk,
        },
        HTTP_HX_REQUEST="true",
    )
    assert wrong.status_code == 400
    passage.refresh_from_db()
    assert passage.driver.key == "competence"
    outsider = UserFactory(role=Role.EVALUATOR)
    client.force_login(outsider)
    assert client.get(url).status_code == 403


def test_the_round_page_shows_agreement_once_closed_and_the_model_codes_along(world, client):
    code(world, world["anna"], FIRST, "leadership", "promoter")
    code(world, world["bo"], FIRST, "leadership", "promoter")
    code(world, world["anna"], SECOND, "competence", "inhibitor")
    code(world, world["bo"], SECOND, "organisation", "inhibitor")
    client.force_login(world["anna"])
    url = reverse("coding_rounds:detail", kwargs={"pk": world["round"].pk})
    assert "Krippendorff" not in client.get(url).content.decode()
    response = client.post(reverse("coding_rounds:model", kwargs={"pk": world["round"].pk}), follow=True)
    assert "ingen trænet kodningsmodel" in response.content.decode()
    client.post(reverse("coding_rounds:close", kwargs={"pk": world["round"].pk}))
    html = client.get(url).content.decode()
    assert "Krippendorff" in html and "Cohens kappa" in html and "driver:leadership" in html
    compare = client.get(reverse("coding_rounds:compare", kwargs={"pk": world["round"].pk}) + "?uenige=1")
    assert "Der er ikke tid til supervision." in compare.content.decode()
    assert "programmet er metoden" not in compare.content.decode()


# --- blind rounds stay out of the counts and out of sight -----------------------------------------


def _model_coding(world):
    return CodedPassage.objects.create(
        coding_round=world["round"],
        section=world["section"],
        start=FIRST[0],
        end=FIRST[1],
        text=world["section"].text[slice(*FIRST)],
        driver=world["codes"]["leadership"],
        valence="promoter",
        origin=PassageOrigin.MODEL,
        model_version="m1",
        codebook_version=CodebookVersion.objects.order_by("-number").first(),
    )


def _sentence_count(world) -> int:
    site = world["report"].visit.site.code
    sentence = world["section"].text[slice(*FIRST)]
    return sum(p.text == sentence for p in analysis_input(site_code=site).passages)


def test_the_round_counts_once_and_only_after_consensus(world, client):
    code(world, world["anna"], FIRST, "leadership", "promoter")
    code(world, world["bo"], FIRST, "leadership", "promoter")
    _model_coding(world)
    assert _sentence_count(world) == 0, "an open round's codings reached the analysis"
    rounds.coding_round_close(coding_round=world["round"], user=world["anna"])
    assert _sentence_count(world) == 0, "a closed round without consensus reached the analysis"
    rounds.consensus_settle(
        coding_round=world["round"],
        user=world["anna"],
        section=world["section"],
        start=FIRST[0],
        end=FIRST[1],
        driver=world["codes"]["leadership"],
        valence="promoter",
    )
    assert _sentence_count(world) == 1
    evaluator = UserFactory(role=Role.EVALUATOR)
    evidence = selectors.matrix_cell_evidence(
        evaluator, site=world["report"].visit.site, code=world["codes"]["leadership"]
    )
    assert [p.origin for p in evidence.passages] == [PassageOrigin.CONSENSUS]
    client.force_login(evaluator)
    listed = client.get(reverse("coding:passages")).content.decode()
    assert listed.count(world["section"].text[slice(*FIRST)]) == 1


def test_a_blind_coder_sees_no_other_codes_on_the_rounds_reports_in_the_workspace(world, client):
    carl = UserFactory(username="carl", role=Role.EVALUATOR)
    services.passage_create(
        coder=carl,
        section=world["section"],
        start=FIRST[0],
        end=FIRST[1],
        text=world["section"].text[slice(*FIRST)],
        driver=world["codes"]["organisation"],
    )
    code(world, world["bo"], FIRST, "competence", "promoter")
    _model_coding(world)
    seen = [
        p
        for view in selectors.report_sections_for_coding(world["anna"], world["report"])
        for p in view.passages
    ]
    assert seen == [], "the blind coder saw another coder's, the model's or an ordinary code"
    assert selectors.passage_counts(world["anna"], [world["report"].pk]) == {}
    client.force_login(world["anna"])
    assert client.get(reverse("coding:report", kwargs={"report_id": world["report"].pk})).status_code == 200
    rounds.coding_round_close(coding_round=world["round"], user=world["anna"])
    after = [
        p
        for view in selectors.report_sections_for_coding(world["anna"], world["report"])
        for p in view.passages
    ]
    assert [p.coder for p in after] == [carl], (
        "after the round the ordinary codes are back (round codes stay in the round)"
    )
