"""The single gate every piece of free text passes on its way into a published report.

Today it masks CPR numbers; pseudonymisation of person names (accounts.privacy) will be added here,
so no renderer or context builder may put report text, statements, quotes or trial actions into a
document without calling `publishable_text`.
"""

from accounts.privacy import mask_cpr


def publishable_text(text: str) -> str:
    return mask_cpr(text or "").text
