"""Figures and tables that apps above analysis add to the analysis pages, registered by them: analysis
never imports publishing (the layers contract); publishing adds the report's phase figure and
co-occurrence table in its AppConfig.ready(), so the page and the report show the same thing."""

from collections.abc import Callable

Provider = Callable[..., dict]

_providers: list[Provider] = []


def register(provider: Provider) -> None:
    """provider(result, detailed=bool) → template context; registering twice is harmless."""
    if provider not in _providers:
        _providers.append(provider)


def page_figures(result, *, detailed: bool) -> dict:
    context: dict = {}
    for provider in _providers:
        context.update(provider(result, detailed=detailed))
    return context
