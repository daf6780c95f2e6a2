"""Choice labels looked up once per field are the same labels, in the language of the moment."""

from django.utils import translation

from fieldwork.models import Visit, VisitStatus
from registry.models import Site


def test_a_choice_label_is_the_fields_label_in_each_language():
    visit = Visit(status=VisitStatus.HELD)
    shown = {}
    for language in ("da", "en"):
        with translation.override(language):
            shown[language] = visit.get_status_display()
            assert shown[language] == str(VisitStatus.HELD.label)
    assert shown["da"] != shown["en"]


def test_a_value_outside_the_choices_is_shown_as_it_is():
    assert Site(region="ukendt").get_region_display() == "ukendt"
    assert Visit(status=VisitStatus.PLANNED).get_status_display() == str(VisitStatus.PLANNED.label)
