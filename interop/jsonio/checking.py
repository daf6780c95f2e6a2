"""Check a dataset written by `drivkraft export` before anything is written: the JSON schema
(docs/dataset.schema.json), then what a schema cannot say (dates, references, order, offsets)."""

import datetime
import json
from dataclasses import dataclass
from pathlib import Path

import jsonschema
from django.conf import settings

from accounts.models import User
from codebook.models import Code
from interop.jsonio import FORMAT_NAME
from registry.models import (
    Consultant,
    Programme,
    Site,
)

SCHEMA_PATH = Path(settings.BASE_DIR) / "docs" / "dataset.schema.json"


@dataclass
class ImportProblem:
    place: str
    message: str

    def __str__(self) -> str:
        return f"{self.place}: {self.message}"


class DatasetImportError(Exception):
    """Raised with every problem found; nothing has been written."""

    def __init__(self, problems: list[ImportProblem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def _place(path) -> str:
    place = "$"
    for part in path:
        place += f"[{part}]" if isinstance(part, int) else f".{part}"
    return place


def parse_document(raw: str | bytes) -> dict:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise DatasetImportError(
            [ImportProblem(f"linje {exc.lineno}, kolonne {exc.colno}", f"ugyldig JSON: {exc.msg}")]
        ) from exc
    except UnicodeDecodeError as exc:
        raise DatasetImportError([ImportProblem("fil", "filen er ikke UTF-8")]) from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise DatasetImportError([ImportProblem("$.format", f"filen er ikke et {FORMAT_NAME}-dokument")])
    return data


def _schema_problems(data: dict) -> list[ImportProblem]:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    return [
        ImportProblem(_place(error.absolute_path), error.message)
        for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    ]


class _Checker:
    """Semantic checks the schema cannot express: dates, references, order of events, offsets."""

    def __init__(self, data: dict):
        self.data = data
        self.problems: list[ImportProblem] = []

    def problem(self, place: str, message: str) -> None:
        self.problems.append(ImportProblem(place, message))

    def date(self, value, place: str) -> datetime.date | None:
        if value is None:
            return None
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            self.problem(place, f"ugyldig dato {value!r}")
            return None

    def check(self) -> list[ImportProblem]:
        data = self.data
        codes = {(c["kind"], c["key"]) for c in data.get("codebook", {}).get("codes", [])}
        codes |= set(Code.objects.values_list("kind", "key"))
        programmes = {p["code"] for p in data["programmes"]} | set(
            Programme.objects.values_list("code", flat=True)
        )
        consultants = {c["name"] for c in data.get("consultants", [])} | set(
            Consultant.objects.values_list("name", flat=True)
        )
        usernames = {u["username"] for u in data.get("users", [])} | set(
            User.objects.values_list("username", flat=True)
        )
        existing_sites = set(Site.objects.values_list("code", flat=True))
        site_codes: set[str] = set()
        self.visits: dict[str, tuple[str, datetime.date | None, dict]] = {}
        for i, site in enumerate(data["sites"]):
            place = f"$.sites[{i}]"
            if site["code"] in site_codes:
                self.problem(f"{place}.code", f"stedkoden {site['code']!r} optræder to gange")
            if site["code"] in existing_sites:
                self.problem(f"{place}.code", f"stedet {site['code']!r} findes allerede i databasen")
            site_codes.add(site["code"])
            if site["programme"] not in programmes:
                self.problem(f"{place}.programme", f"ukendt program {site['programme']!r}")
            joined = self.date(site["joined_on"], f"{place}.joined_on")
            left = self.date(site.get("left_on"), f"{place}.left_on")
            if joined and left and left < joined:
                self.problem(f"{place}.left_on", "udtrådt før indtrådt")
            if left and not site.get("left_reason"):
                self.problem(f"{place}.left_reason", "en udtræden kræver en årsag")
            if site["age_min"] > site["age_max"]:
                self.problem(f"{place}.age_min", "alder fra er større end alder til")
            self._check_periods(site.get("assignments", []), f"{place}.assignments")
            self._check_periods(site.get("team_members", []), f"{place}.team_members")
            for j, assignment in enumerate(site.get("assignments", [])):
                if assignment["consultant"] not in consultants:
                    self.problem(
                        f"{place}.assignments[{j}].consultant",
                        f"ukendt konsulent {assignment['consultant']!r}",
                    )
            members = {m["ref"] for m in site.get("team_members", [])}
            for j, visit in enumerate(site.get("visits", [])):
                self._check_visit(
                    visit, f"{place}.visits[{j}]", site["code"], members, consultants, codes, usernames
                )
            for j, action in enumerate(site.get("trial_actions", [])):
                self._check_trial_action(action, f"{place}.trial_actions[{j}]", site["code"], codes)
            for j, event in enumerate(site.get("events", [])):
                self._check_event(event, f"{place}.events[{j}]")
            for j, assessment in enumerate(site.get("assessments", [])):
                self.date(assessment["assessed_on"], f"{place}.assessments[{j}].assessed_on")
            for j, score in enumerate(site.get("scores", [])):
                start = self.date(score["period_start"], f"{place}.scores[{j}].period_start")
                end = self.date(score["period_end"], f"{place}.scores[{j}].period_end")
                if start and end and end < start:
                    self.problem(f"{place}.scores[{j}].period_end", "perioden slutter før den begynder")
        all_sites = site_codes | existing_sites
        for i, user in enumerate(data.get("users", [])):
            if user.get("site") and user["site"] not in all_sites:
                self.problem(f"$.users[{i}].site", f"henviser til et sted, der ikke findes: {user['site']!r}")
        for i, event in enumerate(data.get("events", [])):
            self._check_event(event, f"$.events[{i}]")
        for i, meeting in enumerate(data.get("joint_meetings", [])):
            self.date(meeting["held_on"], f"$.joint_meetings[{i}].held_on")
            for j, code in enumerate(meeting["sites"]):
                if code not in all_sites:
                    self.problem(
                        f"$.joint_meetings[{i}].sites[{j}]",
                        f"henviser til et sted, der ikke findes: {code!r}",
                    )
            for j, factor in enumerate(meeting.get("factors", [])):
                self._check_factor(factor, f"$.joint_meetings[{i}].factors[{j}]", codes)
                if factor.get("site") and factor["site"] not in meeting["sites"]:
                    self.problem(f"$.joint_meetings[{i}].factors[{j}].site", "stedet deltog ikke i mødet")
        self.passage_refs: set[str] = set()
        for i, passage in enumerate(data.get("coded_passages", [])):
            self._check_passage(passage, f"$.coded_passages[{i}]", codes, usernames)
        for i, memo in enumerate(data.get("memos", [])):
            if memo["author"] not in usernames:
                self.problem(f"$.memos[{i}].author", f"ukendt bruger {memo['author']!r}")
            if memo.get("site") and memo["site"] not in all_sites:
                self.problem(f"$.memos[{i}].site", f"henviser til et sted, der ikke findes: {memo['site']!r}")
            if memo.get("report") and memo["report"] not in self.visits:
                self.problem(
                    f"$.memos[{i}].report", f"henviser til et besøg, der ikke findes: {memo['report']!r}"
                )
        return self.problems

    def _check_periods(self, rows: list[dict], place: str) -> None:
        for j, row in enumerate(rows):
            start = self.date(row["starts_on"], f"{place}[{j}].starts_on")
            end = self.date(row.get("ends_on"), f"{place}[{j}].ends_on")
            if start and end and end < start:
                self.problem(f"{place}[{j}].ends_on", "perioden slutter før den begynder")

    def _check_event(self, event: dict, place: str) -> None:
        start = self.date(event["starts_on"], f"{place}.starts_on")
        end = self.date(event.get("ends_on"), f"{place}.ends_on")
        if start and end and end < start:
            self.problem(f"{place}.ends_on", "perioden slutter før den begynder")

    def _check_code(self, kind: str, key, place: str, codes: set) -> None:
        if key is not None and (kind, key) not in codes:
            self.problem(place, f"ukendt kode {key!r} ({kind})")

    def _check_factor(self, factor: dict, place: str, codes: set) -> None:
        self._check_code("driver", factor.get("driver"), f"{place}.driver", codes)
        self._check_code("mechanism", factor.get("mechanism"), f"{place}.mechanism", codes)
        if factor.get("mechanism") and not factor.get("driver"):
            self.problem(f"{place}.mechanism", "en mekanisme kræver en driver")

    def _check_visit(self, visit, place, site_code, members, consultants, codes, usernames) -> None:
        if visit["ref"] in self.visits:
            self.problem(f"{place}.ref", f"besøgsreferencen {visit['ref']!r} optræder to gange")
        self.date(visit["planned_on"], f"{place}.planned_on")
        held = self.date(visit.get("held_on"), f"{place}.held_on")
        self.visits[visit["ref"]] = (site_code, held or self.date(visit["planned_on"], place), visit)
        status = visit["status"]
        if status == "held" and not visit.get("held_on"):
            self.problem(f"{place}.held_on", "et afholdt besøg skal have en afholdt dato")
        if status != "held" and visit.get("held_on"):
            self.problem(f"{place}.held_on", "kun et afholdt besøg har en afholdt dato")
        if status == "cancelled" and not visit.get("cancel_reason"):
            self.problem(f"{place}.cancel_reason", "et aflyst besøg skal have en årsag")
        if status != "cancelled" and visit.get("cancel_reason"):
            self.problem(f"{place}.cancel_reason", "kun et aflyst besøg har en årsag til aflysning")
        if visit.get("consultant") and visit["consultant"] not in consultants:
            self.problem(f"{place}.consultant", f"ukendt konsulent {visit['consultant']!r}")
        for k, ref in enumerate(visit.get("participants", [])):
            if ref not in members:
                self.problem(f"{place}.participants[{k}]", f"ukendt teammedlem {ref!r} på stedet")
        report = visit.get("report")
        if report:
            if status != "held":
                self.problem(f"{place}.report", "kun et afholdt besøg kan have en rapport")
            self.date(report.get("validated_on"), f"{place}.report.validated_on")
            if report["status"] == "validated" and not report.get("validated_on"):
                self.problem(
                    f"{place}.report.validated_on", "en valideret rapport skal have en valideringsdato"
                )
            if report.get("author") and report["author"] not in usernames:
                self.problem(f"{place}.report.author", f"ukendt bruger {report['author']!r}")
            for k, factor in enumerate(report.get("factors", [])):
                self._check_factor(factor, f"{place}.report.factors[{k}]", codes)

    def _check_trial_action(self, action, place, site_code, codes) -> None:
        self._check_code("driver", action.get("driver"), f"{place}.driver", codes)
        agreed = self.visits.get(action["agreed_at"])
        if agreed is None or agreed[0] != site_code:
            self.problem(
                f"{place}.agreed_at",
                f"henviser til et besøg, der ikke findes på stedet: {action['agreed_at']!r}",
            )
        followed = action.get("followed_up_at")
        if followed is None:
            if action.get("outcome"):
                self.problem(f"{place}.outcome", "et resultat kræver en opfølgning")
            return
        if not action.get("outcome"):
            self.problem(f"{place}.outcome", "en opfølgning kræver et resultat")
        target = self.visits.get(followed)
        if target is None or target[0] != site_code:
            self.problem(
                f"{place}.followed_up_at", f"henviser til et besøg, der ikke findes på stedet: {followed!r}"
            )
        elif agreed is not None and agreed[1] and target[1] and target[1] <= agreed[1]:
            self.problem(
                f"{place}.followed_up_at",
                f"prøvehandlingen er fulgt op ({target[1]}) før eller samme dag som den blev aftalt ({agreed[1]})",
            )

    def _check_passage(self, passage, place, codes, usernames) -> None:
        for k, ref in enumerate(passage.get("consensus_of", [])):
            if ref not in self.passage_refs:
                self.problem(
                    f"{place}.consensus_of[{k}]",
                    f"henviser til en tidligere passage, der ikke findes: {ref!r}",
                )
        if passage.get("ref"):
            self.passage_refs.add(passage["ref"])
        for kind in ("driver", "mechanism"):
            self._check_code(kind, passage.get(kind), f"{place}.{kind}", codes)
        if passage.get("coder") and passage["coder"] not in usernames:
            self.problem(f"{place}.coder", f"ukendt bruger {passage['coder']!r}")
        if passage["end"] <= passage["start"]:
            self.problem(f"{place}.end", "passagen slutter før den begynder")
            return
        source = passage["source"]
        if "visit" in source:
            visit = self.visits.get(source["visit"])
            report = visit[2].get("report") if visit else None
            if report is None:
                self.problem(
                    f"{place}.source", f"henviser til en rapport, der ikke findes: {source['visit']!r}"
                )
                return
            text = report["sections"].get(source["theme"], "")
        else:
            meetings = self.data.get("joint_meetings", [])
            if source["joint_meeting"] >= len(meetings):
                self.problem(f"{place}.source", "henviser til et møde, der ikke findes")
                return
            text = meetings[source["joint_meeting"]].get("minutes", "")
        if text[passage["start"] : passage["end"]] != passage["text"]:
            self.problem(f"{place}.text", "passagen svarer ikke til teksten ved start/slut")


def check_dataset(data: dict) -> None:
    problems = _schema_problems(data)
    if not problems:
        problems = _Checker(data).check()
    if problems:
        raise DatasetImportError(problems)
