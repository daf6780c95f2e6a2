"""Pure analysis functions: plain records in (see `records`), dataclasses and tables out.

Nothing in this package imports Django; `analysis.selectors` turns the database into the records
and `analysis.services` runs the whole analysis with the evaluator's confirmations applied.
"""
