"""A kept part's key follows the release (code, templates, translations) and the language."""

import pytest
from django.utils import translation

from audit import fragments


@pytest.fixture
def project(tmp_path, settings):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "part.html").write_text("<p>{{ x }}</p>")
    settings.BASE_DIR = tmp_path
    fragments.release.cache_clear()
    yield tmp_path / "templates" / "part.html"
    fragments.release.cache_clear()


def test_a_changed_template_is_another_release(project):
    before = fragments.release()
    fragments.release.cache_clear()
    assert fragments.release() == before
    project.write_text("<p>{{ x }}!</p>")
    fragments.release.cache_clear()
    assert fragments.release() != before


def test_each_language_has_its_own_key():
    with translation.override("da"):
        danish = fragments.fragment_key("site", (1, "v"))
    with translation.override("en"):
        english = fragments.fragment_key("site", (1, "v"))
    assert danish != english
