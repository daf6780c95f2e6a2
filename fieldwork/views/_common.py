"""Helpers shared by the fieldwork views: 404-or-object lookups, masked-text notices, form errors,
blank forms of codes."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import ngettext

from accounts import permissions
from audit import data_version
from audit.fragments import cached_fragment
from fieldwork.models import (
    Visit,
)


def _masked_notice(count: int) -> str:
    return ngettext(
        "Et CPR-nummer blev fjernet fra teksten, før den blev gemt.",
        "%(count)d CPR-numre blev fjernet fra teksten, før den blev gemt.",
        count,
    ) % {"count": count}


def _tell_masked(request, count: int) -> None:
    if count:
        messages.warning(request, _masked_notice(count))


def _apply_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form, next to its field where it names one."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _visible_visit_or_404(user, pk) -> Visit:
    return get_object_or_404(
        Visit.objects.select_related("site__programme", "consultant"),
        pk=pk,
        site__in=permissions.visible_sites(user),
    )


def _editable_visit_or_404(user, pk) -> Visit:
    return get_object_or_404(
        Visit.objects.select_related("site__programme", "consultant"),
        pk=pk,
        site__in=permissions.editable_sites(user),
    )


def _current_consultant(user):
    return getattr(user, "consultant", None) if permissions.role_of(user) == "consultant" else None


def blank_code_form_fields(form) -> SafeString:
    """The fields of a blank form whose only choices from the data are codes (adding a promoter or
    a trial action), rendered once per version of the codebook: every report editor shows them."""
    if form.is_bound:
        raise ValueError("only a blank form is the same for every reader")
    return cached_fragment(
        "blank-form",
        (type(form).__qualname__, form.prefix, data_version.shared_version()),
        lambda: render_to_string("includes/form_fields.html", {"form": form}),
    )
