"""Pagination shared by every list page: the page asked for, and the query string to keep filters."""

from django.core.paginator import Page, Paginator


def paginate(request, items, per_page: int = 25) -> tuple[Page, str]:
    """The requested page (out-of-range and malformed numbers fall back) and the other GET params."""
    page = Paginator(items, per_page).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return page, params.urlencode()


def sort_links(request, keys, current: str, descending: bool) -> dict[str, dict]:
    """Per sortable column: the URL that sorts by it (again: reversed) and its aria-sort state."""
    links = {}
    for key in keys:
        params = request.GET.copy()
        params.pop("page", None)
        params["order"] = key
        if key == current and not descending:
            params["desc"] = "on"
        else:
            params.pop("desc", None)
        state = ("descending" if descending else "ascending") if key == current else ""
        links[key] = {"url": "?" + params.urlencode(), "state": state}
    return links
