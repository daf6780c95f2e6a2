import json
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.models import Role, User
from accounts.tests.factories import UserFactory
from audit.models import AuditEntry
from audit.services import acting_as
from codebook.models import CodebookVersion
from coding.models import CodedPassage, Memo
from fieldwork.models import Factor, ReportSection, TrialAction
from fieldwork.tests.factories import FactorFactory, ReportFactory, TrialActionFactory
from registry.models import Site, TeamMember
from registry.tests.factories import SiteFactory, TeamMemberFactory

pytestmark = pytest.mark.django_db

SECRET = "Hanne Holm talte med den unge Sofie om hjemrejsen"


def _site_with_text(code="ER1"):
    site = SiteFactory(code=code, target_group_notes="Unge med misbrug")
    TeamMemberFactory(site=site, name="Hanne Holm")
    user = UserFactory(username=f"team-{code}", role=Role.TEAM_MEMBER, site=site, first_name="Hanne")
    with acting_as(user):
        report = ReportFactory(visit__site=site, sections={"leadership": SECRET})
        FactorFactory(report=report, valence="promoter", statement=SECRET, quote="Sofie sagde ja")
        FactorFactory(report=report, valence="inhibitor", statement="Ingen tid")
        TrialActionFactory(agreed_at=report.visit, aim=SECRET)
        section = report.sections.get(theme="leadership")
        CodedPassage.objects.create(
            section=section,
            start=0,
            end=10,
            text=SECRET[:10],
            codebook_version=CodebookVersion.objects.get(number=1),
        )
        Memo.objects.create(author=UserFactory(), title="Memo", text=SECRET, target="site", site=site)
    return site


def test_export_site_writes_json_and_documents(tmp_path):
    site = _site_with_text()
    SiteFactory(code="OTHER", name="Andet sted")
    out = tmp_path / "site.zip"
    call_command("export-site".replace("-", "_"), site.code, out=str(out))
    with zipfile.ZipFile(out) as archive:
        data = json.loads(archive.read("site.json"))
        names = archive.namelist()
    assert [s["code"] for s in data["sites"]] == ["ER1"]
    assert any(name.startswith("documents/rapport-") for name in names)
    assert data["audit"] and all(entry["model"] for entry in data["audit"])
    assert "OTHER" not in json.dumps(data)


def test_erase_site_removes_personal_data_but_keeps_anonymous_counts():
    site = _site_with_text()
    other = _site_with_text("KEEP")
    counts_before = sorted(Factor.objects.filter(report__visit__site=site).values_list("valence", flat=True))
    call_command("erase_site", site.code, confirm=True)
    rows = [
        Site.objects.filter(pk=site.pk).values(),
        TeamMember.objects.filter(site=site).values(),
        Factor.objects.filter(report__visit__site=site).values(),
        User.objects.filter(site=site).values(),
        Memo.objects.filter(site=site).values(),
        CodedPassage.objects.filter(section__report__visit__site=site).values(),
        ReportSection.objects.filter(report__visit__site=site).values(),
        TrialAction.objects.filter(agreed_at__site=site).values(),
        AuditEntry.objects.filter(site_code=site.code).values("before", "after", "object_repr", "note"),
    ]
    erased_text = json.dumps([list(r) for r in rows], default=str)
    assert "Hanne" not in erased_text and "Sofie" not in erased_text
    site.refresh_from_db()
    assert site.name == "Slettet sted ER1" and site.target_group_notes == ""
    assert (
        sorted(Factor.objects.filter(report__visit__site=site).values_list("valence", flat=True))
        == counts_before
    )
    assert not Memo.objects.filter(site=site).exists()
    assert AuditEntry.objects.filter(site_code=site.code, action="erase").count() == 1
    assert Factor.objects.filter(report__visit__site=other, statement=SECRET).exists()


def test_erasure_needs_confirmation_and_a_known_site():
    site = _site_with_text()
    with pytest.raises(CommandError, match="--confirm"):
        call_command("erase_site", site.code)
    with pytest.raises(CommandError, match="Intet sted"):
        call_command("erase_site", "NOPE", confirm=True)
    assert Factor.objects.filter(statement=SECRET).exists()
