"""Downloads that apps above analysis offer on its pages, registered by them: analysis never imports
publishing (the layers contract), publishing adds its report formats in its AppConfig.ready()."""

from collections.abc import Callable

Provider = Callable[[str], list[dict]]

_providers: list[Provider] = []


def register(provider: Provider) -> None:
    """provider(programme_code) → [{"format": "PDF", "url": ...}, ...]; registering twice is harmless."""
    if provider not in _providers:
        _providers.append(provider)


def report_downloads(programme_code: str) -> list[dict]:
    return [download for provider in _providers for download in provider(programme_code)]
