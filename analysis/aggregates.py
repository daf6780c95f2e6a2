"""The analysis page as aggregate readers (providers) see it: every table goes through
analysis.computations.disclosure, so no cell describes fewer than MIN_SITES sites."""

from analysis.computations.disclosure import (
    MIN_SITES,
    Suppressed,
    any_suppressed,
    disclose,
    disclose_counts,
    too_few,
)


def _group_size(counts: dict) -> int:
    return sum(counts.values())


def _distinction(label: str, distinction) -> tuple[str, object]:
    high, low = _group_size(distinction.high_counts), _group_size(distinction.low_counts)
    if too_few(high) or too_few(low):
        return label, Suppressed(min(n for n in (high, low) if too_few(n)))
    return label, distinction


def _event(event: dict) -> dict:
    if too_few(event["sites"]):
        return {"kind": event["kind"], "suppressed": True}
    return event


def _programme(item: dict) -> dict:
    if too_few(item["figures"].sites):
        return {"figures": item["figures"], "suppressed": True}
    counted = dict(item)
    counted["degrees"] = list(disclose_counts(dict(item["degrees"]), item["figures"].sites).items())
    counted["highest_phase"] = list(
        disclose_counts(dict(item["highest_phase"]), item["figures"].sites).items()
    )
    return counted


def aggregate_context(context: dict, selection_sites: int) -> dict:
    """The context of the analysis page with every small cell suppressed; `suppressed_note` says
    whether the page left anything out."""
    shown = dict(context)
    shown["degree_counts"] = list(disclose_counts(dict(context["degree_counts"]), selection_sites).items())
    shown["coverage"] = list(disclose_counts(dict(enumerate(context["coverage"])), selection_sites).values())
    shown["distinguishing"] = [_distinction(label, d) for label, d in context["distinguishing"]]
    shown["pressures"] = {
        **context["pressures"],
        "events": [_event(e) for e in context["pressures"]["events"]],
    }
    shown["programme_figures"] = [_programme(item) for item in context["programme_figures"]]
    overview = context["overview"]
    per_programme = overview.sites_per_programme
    shown["reports_per_programme"] = {
        code: disclose(n, per_programme.get(code, 0)) for code, n in overview.reports_per_programme.items()
    }
    shown["factors_per_programme"] = {
        code: disclose(n, per_programme.get(code, 0)) for code, n in overview.factors_per_programme.items()
    }
    shown["sites_left"] = disclose(len(overview.sites_left), len(overview.sites_left))
    changed = len({change.site for change in overview.consultant_changes})
    shown["consultant_changes"] = disclose(len(overview.consultant_changes), changed)
    shown["too_few_sites"] = too_few(selection_sites)
    shown["suppressed"] = {
        "overview": any_suppressed(
            [shown["sites_left"], shown["consultant_changes"]],
            shown["reports_per_programme"],
            shown["factors_per_programme"],
        ),
        "degree": any_suppressed(shown["degree_counts"]),
        "matrix": any_suppressed([d for _label, d in shown["distinguishing"]]),
        "attention": any_suppressed(shown["coverage"]),
        "pressures": any(event.get("suppressed") for event in shown["pressures"]["events"]),
        "programmes": any(
            item.get("suppressed") or any_suppressed(item["degrees"], item["highest_phase"])
            for item in shown["programme_figures"]
        ),
    }
    shown["min_sites"] = MIN_SITES
    return shown
