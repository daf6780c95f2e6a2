"""The single gate every piece of free text passes on its way into a published report.

CPR numbers are masked and person names removed: with stable per-site pseudonyms ("Medarbejder A")
inside a site's status report, and as "[navn]" in text drawn from several sites. No renderer or
context builder may put report text, statements, quotes or trial actions into a document without
calling `publishable_text`.
"""

from accounts.pseudonyms import publishable


def publishable_text(text: str) -> str:
    return publishable(text or "")
