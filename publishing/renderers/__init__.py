"""The registry of renderers: one per output format, each writing a `Document` to file-like objects.

The `report` command and the web downloads both go through `outputs()`, so a format behaves the
same from the shell and from the browser.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from publishing.document import Document


@dataclass(frozen=True)
class Output:
    """One file a renderer produces: its name and a function that writes its bytes."""

    name: str
    write: Callable[[BinaryIO], None]


@dataclass(frozen=True)
class Renderer:
    format: str
    content_type: str
    outputs: Callable[[Document], Iterator[Output]]


FORMATS = ("html", "docx", "pdf", "csv", "xlsx")
RENDERERS: dict[str, Renderer] = {}


def register(format: str, content_type: str):
    def decorator(outputs: Callable[[Document], Iterator[Output]]):
        RENDERERS[format] = Renderer(format=format, content_type=content_type, outputs=outputs)
        return outputs

    return decorator


def get(format: str) -> Renderer:
    _load()
    try:
        return RENDERERS[format]
    except KeyError as exc:
        raise ValueError(f"Ukendt format: {format}") from exc


def formats() -> list[str]:
    _load()
    return [name for name in FORMATS if name in RENDERERS]


def _load() -> None:
    # The renderers register themselves here: importing them at the top would be a cycle.
    from publishing.renderers import docx, html, pdf, tables  # noqa: PLC0415, F401
