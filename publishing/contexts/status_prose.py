"""The opening of a site's status report, written as prose for the team before its next visit: where
the site stands in the phases, how each driver has developed, the trial actions still open, a few
of the team's own words, and what to take up next. The same wording rules as the evaluation report."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from publishing import labels
from publishing.contexts.common import DRIVERS, day
from publishing.document import Block, Paragraph
from publishing.evidence import QuoteLedger, ReportEvidence
from publishing.labels import Codebook
from publishing.text import publishable_text
from publishing.wording import choose, join, quoted, share_word

QUOTES = 2
NEXT_POINTS = 2


def _trend(first, last) -> str:
    if first.balance is None or last.balance is None:
        return ""
    change = last.balance - first.balance
    if change > 0.15:
        return _("der er sket en tydelig bedring")
    if change < -0.15:
        return _("der er sket en tilbagegang")
    return _("billedet ikke har ændret sig meget")


def driver_paragraph(status, codebook: Codebook, driver: str) -> Paragraph | None:
    periods = [p for p in sorted(status.balance_over_time) if status.balance_over_time[p][driver].total]
    if not periods:
        return None
    first, last = status.balance_over_time[periods[0]][driver], status.balance_over_time[periods[-1]][driver]
    text = choose(
        f"status|{status.site.code}|{driver}",
        [
            _("{Driver}: i {period} registrerede konsulenten {promoters} og {inhibitors}, så {balance}."),
            _("Om {driver} viser rapporterne fra {period} {promoters} og {inhibitors} – {balance}."),
        ],
    ).format(
        Driver=codebook.driver(driver),
        driver=codebook.driver(driver).lower(),
        period=periods[-1],
        promoters=ngettext("{n} fremmer", "{n} fremmere", last.promoters).format(n=last.promoters),
        inhibitors=ngettext("{n} hæmmer", "{n} hæmmere", last.inhibitors).format(n=last.inhibitors),
        balance=share_word(last.promoters, last.inhibitors),
    )
    if len(periods) > 1:
        trend = _trend(first, last)
        if trend:
            text += " " + _("Sammenlignet med {first} gælder det, at {trend}.").format(
                first=periods[0], trend=trend
            )
    return Paragraph(text)


def status_summary(status, codebook: Codebook, evidence: ReportEvidence) -> list[Block]:
    trajectory = status.trajectory
    blocks: list[Block] = [
        Paragraph(
            (
                _("Stedet er i fasen {current}, den højeste fase, det har nået. {relapses}")
                if trajectory.current_phase == trajectory.highest_phase
                else _("Stedet er i fasen {current} og har højst nået {highest}. {relapses}")
            ).format(
                current=labels.phase(trajectory.current_phase).lower(),
                highest=labels.phase(trajectory.highest_phase).lower(),
                relapses=(
                    _("Forløbet har haft {n} tilbagefald til en tidligere fase.").format(
                        n=trajectory.relapses
                    )
                    if trajectory.relapses
                    else _("Der har ikke været tilbagefald til en tidligere fase.")
                ),
            )
        )
    ]
    blocks += [p for p in (driver_paragraph(status, codebook, d) for d in DRIVERS) if p is not None]
    counts = status.trial_actions
    actions = sorted(status.open_trial_actions, key=lambda a: (a.agreed_on, a.id))
    trial = _(
        "Af {agreed} aftalte prøvehandlinger er {done} gennemført og {partly} delvist gennemført."
    ).format(agreed=counts.agreed, done=counts.done, partly=counts.partly)
    if actions:
        trial += " " + _("{n} er ikke fulgt op endnu; den ældste, {aim}, blev aftalt {date}.").format(
            n=len(actions),
            aim=quoted(publishable_text(actions[0].aim).rstrip(".")),
            date=day(actions[0].agreed_on),
        )
    blocks.append(Paragraph(trial))
    quotes = QuoteLedger().take(sorted(evidence.quotes, key=lambda q: q.date, reverse=True), QUOTES)
    if quotes:
        blocks.append(Paragraph(_("Med teamets egne ord:")))
        blocks += [
            Paragraph(
                _("{quote} (rapport af {date})").format(
                    quote=quoted(publishable_text(q.text)), date=day(q.date)
                ),
                kind="quote",
            )
            for q in quotes
        ]
    upcoming = [codebook.point_label(p["number"]) for p in status.attention_points_not_worked[:NEXT_POINTS]]
    if upcoming:
        blocks.append(
            Paragraph(
                _("Til næste besøg kan teamet overveje at tage fat på {points}.").format(
                    points=join([quoted(label) for label in upcoming])
                )
            )
        )
    return blocks
