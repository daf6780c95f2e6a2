"""The coding model: suggests driver, mechanism and valence for a passage of Danish report text.

`text` holds the Danish text handling (tokens, stemming, negation, sentences), `model` the
scikit-learn pipeline, `keywords` the plain keyword-list baseline, `metrics` the evaluation
figures, `examples` the example and held-out files, and `store` the link to the database and the
versioned model files.
"""
