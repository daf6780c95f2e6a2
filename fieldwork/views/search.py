"""Search across every text the user may read."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from accounts import permissions
from accounts.paging import paginate
from fieldwork.forms import (
    SearchForm,
)
from fieldwork.search import MAX_HITS, hits_loaded, search_ranked

# Search --------------------------------------------------------------------------------------


@login_required
def search(request):
    if not permissions.can_see_free_text(request.user):
        raise Http404
    form = SearchForm(request.GET or None)
    ranked, query = [], ""
    if form.is_valid() and form.cleaned_data["q"].strip():
        query = form.cleaned_data["q"].strip()
        ranked = search_ranked(request.user, query)
    page, query_string = paginate(request, ranked, per_page=20)
    page.object_list = hits_loaded(request.user, page.object_list, query)  # only the page shown is read
    return render(
        request,
        "fieldwork/search.html",
        {
            "form": form,
            "query": query,
            "page_obj": page,
            "query_string": query_string,
            "index_updating": getattr(ranked, "index_updating", False),
            "capped": getattr(ranked, "capped", False),
            "max_hits": MAX_HITS,
        },
    )
