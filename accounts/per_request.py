"""Values read once while a request is answered: a page asks for the same version or the same
assigned sites several times. Outside a request (commands, jobs, tests) every call reads afresh."""

import contextlib
import contextvars
from collections.abc import Iterator


class PerRequest:
    def __init__(self, name: str):
        self._values: contextvars.ContextVar = contextvars.ContextVar(name, default=None)

    def begin(self) -> contextvars.Token:
        return self._values.set({})

    def end(self, token: contextvars.Token) -> None:
        self._values.reset(token)

    @contextlib.contextmanager
    def within(self) -> Iterator[None]:
        token = self.begin()
        try:
            yield
        finally:
            self.end(token)

    def get(self, key, read):
        """`read()` once per request and key."""
        values = self._values.get()
        if values is None:
            return read()
        if key not in values:
            values[key] = read()
        return values[key]

    def forget(self) -> None:
        """A write in the request may have changed what was read."""
        values = self._values.get()
        if values:
            values.clear()
