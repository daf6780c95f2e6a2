"""Frozen result dataclasses made without their __init__: a frozen dataclass sets each field through
`object.__setattr__`, about twice the cost of the instance itself, and an analysis makes tens of
thousands of them (phase activities and points, degree evidence)."""


def frozen_instance(cls, values: dict):
    """An instance of the frozen dataclass `cls`; `values` holds every field, in order
    (analysis/tests/test_fast_phases.py compares such instances with the plain ones)."""
    made = object.__new__(cls)
    object.__setattr__(made, "__dict__", values)
    return made
