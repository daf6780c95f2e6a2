"""URL-permission cases of the coding workspace, codebook and memos (format: accounts/tests/url_table.py).

Coding pages are for evaluators and administrators (403 for other roles, whatever the site); the
codebook holds no personal data and every logged-in role reads it; memos follow what they are
attached to (another site's memo or target answers 404) and only their author edits them.
"""

from accounts.tests.url_table import Case, everyone
from codebook.selectors import current_codebook_version
from coding.models import CodedPassage, Memo

CODERS = everyone(403, administrator=200, evaluator=200)
CODERS_WRITE = everyone(403, administrator=302, evaluator=302)


def _passage(world, which):

    section = world.sections[which]
    passage, _ = CodedPassage.objects.get_or_create(
        section=section,
        start=0,
        end=8,
        defaults={
            "text": section.text[0:8],
            "codebook_version": current_codebook_version(),
            "driver": world.code,
            "coder": world.users["evaluator"],
        },
    )
    return passage


def _memo(world, which):

    memo, _ = Memo.objects.get_or_create(
        author=world.users["evaluator"],
        target="site",
        site=world.sites[which],
        defaults={"title": "Memo", "text": "Tekst"},
    )
    return memo


def _new_passage(world, which):
    return {
        "section": world.sections[which].pk,
        "start": 0,
        "end": 8,
        "text": "Ledelsen",
        "driver": world.code.pk,
        "valence": "promoter",
    }


CASES = [
    Case("coding:workspace", allowed=CODERS),
    Case(
        "coding:report", allowed=CODERS, forbidden=CODERS, kwargs=lambda w, s: {"report_id": w.reports[s].pk}
    ),
    Case(
        "coding:report",
        allowed=CODERS_WRITE,
        forbidden=CODERS_WRITE,
        method="post",
        kwargs=lambda w, s: {"report_id": w.reports[s].pk},
        data=_new_passage,
    ),
    Case("coding:passages", allowed=CODERS),
    Case(
        "coding:passage_edit", allowed=CODERS, forbidden=CODERS, kwargs=lambda w, s: {"pk": _passage(w, s).pk}
    ),
    Case(
        "coding:passage_edit",
        allowed=CODERS_WRITE,
        forbidden=CODERS_WRITE,
        method="post",
        kwargs=lambda w, s: {"pk": _passage(w, s).pk},
        data=lambda w, s: {"driver": w.code.pk, "valence": "inhibitor"},
    ),
    Case(
        "coding:passage_delete",
        allowed=CODERS_WRITE,
        forbidden=CODERS_WRITE,
        method="post",
        kwargs=lambda w, s: {"pk": _passage(w, s).pk},
    ),
    Case("coding:codebook", allowed=everyone(200)),
    Case("coding:code", allowed=everyone(200), kwargs=lambda w, s: {"pk": w.code.pk}),
    Case("coding:code_edit", allowed=CODERS, kwargs=lambda w, s: {"pk": w.code.pk}),
    Case(
        "coding:code_edit",
        allowed=CODERS_WRITE,
        method="post",
        kwargs=lambda w, s: {"pk": w.code.pk},
        data=lambda w, s: {
            "label_da": "Kompetence",
            "name_en": "Competency",
            "description_da": "Ny.",
            "description_en": "New.",
        },
    ),
    Case("coding:code_create", allowed=CODERS),
    Case(
        "coding:code_create",
        allowed=CODERS_WRITE,
        method="post",
        data=lambda w, s: {"kind": "driver", "key": "extra", "label_da": "Ekstra", "name_en": "Extra"},
    ),
    Case("coding:code_retire", allowed=CODERS_WRITE, method="post", kwargs=lambda w, s: {"pk": w.code.pk}),
    Case("coding:code_delete", allowed=CODERS_WRITE, method="post", kwargs=lambda w, s: {"pk": w.code.pk}),
    Case("coding:memo_list", allowed=everyone(200, provider=403)),
    Case(
        "coding:memo_create",
        allowed=everyone(200, provider=403),
        forbidden=everyone(200, consultant=404, team_member=404, provider=403),
        data=lambda w, s: {"site": w.sites[s].pk},
        note="a memo on a site",
    ),
    Case(
        "coding:memo_create",
        allowed=everyone(302, provider=403),
        forbidden=everyone(302, consultant=404, team_member=404, provider=403),
        method="post",
        data=lambda w, s: {"report": w.reports[s].pk, "title": "Iagttagelse", "text": "Teamet holder fast."},
        note="a memo on a report",
    ),
    Case(
        "coding:memo_create",
        allowed=everyone(403, administrator=200, evaluator=200),
        data=lambda w, s: {"code": w.code.pk},
        note="a memo on a code is for coders",
    ),
    Case(
        "coding:memo_edit",
        allowed=everyone(403, evaluator=200),
        forbidden=everyone(403, evaluator=200, consultant=404, team_member=404),
        kwargs=lambda w, s: {"pk": _memo(w, s).pk},
        note="only the author edits; another site's memo is 404",
    ),
    Case(
        "coding:memo_edit",
        allowed=everyone(403, evaluator=302),
        forbidden=everyone(403, evaluator=302, consultant=404, team_member=404),
        method="post",
        kwargs=lambda w, s: {"pk": _memo(w, s).pk},
        data=lambda w, s: {"title": "Memo", "text": "Ny tekst", "version": _memo(w, s).version},
    ),
]
