"""The analysis pages: `overview` (per programme and across programmes) and `matrix` (framework
matrix, evidence, degree overrides)."""
