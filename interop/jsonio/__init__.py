"""The whole dataset as one documented JSON document (docs/json-format.md, docs/dataset.schema.json)."""

FORMAT_NAME = "drivkraft-dataset"
FORMAT_VERSION = 1
