"""REFI-QDA (QDA-XML 1.0) exchange: `.qdpx` export of reports, minutes, codebook and codings, and import
of codes and coded plain-text selections from NVivo, ATLAS.ti, MAXQDA, QualCoder and the like."""
