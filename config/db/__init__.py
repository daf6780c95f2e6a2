"""Django's database backends with one addition: the data versions a transaction changed are
written just before it commits (`audit.data_version`), so that a writer holds the rows of the
versions for the moment of its commit only, not for the whole of its work."""
