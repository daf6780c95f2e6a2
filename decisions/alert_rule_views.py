"""The alert table in the application: evaluators switch rules on and off and set their severity,
parameters and texts (decisions.services.alert_rule_update: versioned, validated, audited)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts import permissions
from audit.forms import conflict_form_data, conflict_rows, versioned_initial
from audit.versions import EditConflict
from decisions import selectors, services
from decisions.forms import AlertRuleForm


def _require_rule_editor(user) -> None:
    if not permissions.can(user, "change", "alert_rule"):
        raise PermissionDenied(_("Kun evaluatorer og administratorer ændrer advarselsreglerne."))


@login_required
@require_GET
def alert_rule_list(request):
    _require_rule_editor(request.user)
    return render(request, "decisions/alert_rules.html", {"rules": selectors.alert_table(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def alert_rule_edit(request, pk: int):
    _require_rule_editor(request.user)
    rule = selectors.get_alert_rule_or_404(request.user, pk)
    form = AlertRuleForm(
        request.POST or None, initial=versioned_initial(rule.version, services.alert_rule_values(rule))
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.alert_rule_update(
                user=request.user,
                rule=rule,
                expected_version=data["version"],
                values={name: data[name] for name in services.ALERT_RULE_FIELDS},
                base=form.base_values(),
            )
        except EditConflict as error:
            conflict = error
            form = AlertRuleForm(conflict_form_data(form, error))
            form.is_valid()
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            messages.success(request, _("Advarselsreglen er gemt."))
            return redirect("decisions:alert_rules")
    context = {
        "rule": rule,
        "form": form,
        "conflict": conflict,
        "conflict_rows": conflict_rows(form, conflict) if conflict else [],
    }
    status = 409 if conflict else 400 if form.errors else 200
    return render(request, "decisions/alert_rule_form.html", context, status=status)
