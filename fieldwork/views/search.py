"""Search across every text the user may read."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from accounts import permissions
from accounts.paging import paginate
from fieldwork.forms import (
    SearchForm,
)
from fieldwork.search import MAX_HITS, search_texts

# Search --------------------------------------------------------------------------------------


@login_required
def search(request):
    if not permissions.can_see_free_text(request.user):
        raise Http404
    form = SearchForm(request.GET or None)
    hits, query = [], ""
    if form.is_valid() and form.cleaned_data["q"].strip():
        query = form.cleaned_data["q"].strip()
        hits = search_texts(request.user, query)
    page, query_string = paginate(request, hits, per_page=20)
    return render(
        request,
        "fieldwork/search.html",
        {
            "form": form,
            "query": query,
            "page_obj": page,
            "query_string": query_string,
            "index_updating": getattr(hits, "index_updating", False),
            "capped": getattr(hits, "capped", False),
            "max_hits": MAX_HITS,
        },
    )
