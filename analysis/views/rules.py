"""The rules of the degree classification, changed by evaluators in the application: only the
entries that differ from the documented defaults are stored, each change as a new configuration
with its reason, the replaced ones kept (analysis.services.degree_rule_config_save)."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts import permissions
from analysis import selectors, services
from analysis.computations.config import DEFAULT_CONFIG
from analysis.forms import DegreeRulesForm
from analysis.phrases import rendered_config
from analysis.views.overview import _render, _require


@login_required
@require_http_methods(["GET", "POST"])
def degree_rules(request):
    _require(permissions.can(request.user, "change", "degree_rules"))
    configs = selectors.degree_rule_configs()
    active = next((config for config in configs if config.is_active), None)
    active_id = active.pk if active else 0
    initial = {
        "name": active.name if active else "",
        "rules": active.rules if active else {},
        "based_on": active_id,
    }
    form = DegreeRulesForm(request.POST or None, initial=initial)
    replaced_meanwhile = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if (data["based_on"] or 0) != active_id:
            # Someone saved a configuration after this page was opened: show it beside the
            # evaluator's own, which stays in the form; saving again replaces it knowingly.
            replaced_meanwhile = active
            form = DegreeRulesForm({**request.POST.dict(), "based_on": active_id})
            form.is_valid()
        else:
            try:
                services.degree_rule_config_save(
                    name=data["name"], rules=data["rules"], note=data["note"], user=request.user
                )
            except ValidationError as error:
                form.add_error("rules", error.message_dict.get("rules", error.messages))
            else:
                messages.success(request, _("Reglerne er gemt; analysen beregnes igen med dem."))
                return redirect("analysis:degree_rules")
    context = {
        "form": form,
        "active": active,
        "configs": configs,
        "defaults": json.dumps(rendered_config(DEFAULT_CONFIG), ensure_ascii=False, indent=2),
        "replaced_meanwhile": replaced_meanwhile,
        "replaced_rules": json.dumps(replaced_meanwhile.rules, ensure_ascii=False, indent=2)
        if replaced_meanwhile
        else "",
    }
    status = 409 if replaced_meanwhile else 400 if form.errors else 200
    return _render(request, "analysis/degree_rules.html", context, status=status)
