"""The per-field three-way merge that every editable object uses on a stale save."""

import datetime
import doctest

from audit import versions
from audit.versions import merge_edits, plain


def test_a_field_changed_by_one_side_only_keeps_that_change():
    merge = merge_edits(
        base={"title": "Møde", "minutes": "Start"},
        mine={"title": "Min titel", "minutes": "Start"},
        theirs={"title": "Møde", "minutes": "Deres referat"},
    )
    assert merge.merged == {"title": "Min titel", "minutes": "Deres referat"}
    assert merge.conflicts == ()


def test_only_fields_both_changed_differently_conflict_and_mine_stays_in_the_form():
    merge = merge_edits(
        base={"a": "x", "b": "x", "c": "x"},
        mine={"a": "mine", "b": "same", "c": "x"},
        theirs={"a": "theirs", "b": "same", "c": "theirs"},
    )
    assert merge.conflicts == ("a",)
    assert merge.merged == {"a": "mine", "b": "same", "c": "theirs"}


def test_a_field_missing_from_the_base_conflicts_when_the_sides_differ():
    assert merge_edits({}, {"a": 1}, {"a": 2}).conflicts == ("a",)
    assert merge_edits({}, {"a": 1}, {"a": 1}).conflicts == ()


def test_a_field_the_writer_did_not_send_keeps_the_stored_value():
    assert merge_edits({"a": 1, "b": 1}, {"a": 2}, {"a": 1, "b": 3}).merged == {"a": 2, "b": 3}


def test_plain_values_compare_as_the_form_sends_them():
    assert plain(datetime.date(2019, 5, 1)) == "2019-05-01"
    assert plain("a\r\nb") == "a\nb"
    assert plain([3, 1, 2]) == [1, 2, 3]
    assert plain(None) is None


def test_docstring_examples():
    assert doctest.testmod(versions).failed == 0
