"""The fictional demo dataset: hidden site profiles shown only through ordinary recorded data."""
