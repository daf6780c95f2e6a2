"""Text that a spreadsheet would run as a formula, made plain text.

Below every app that writes CSV or XLSX (the audit log's export, publishing's tables), so each
export escapes the same way (OWASP's advice on CSV injection).
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def starts_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def escape_formula(text: str) -> str:
    return f"'{text}" if starts_formula(text) else text
