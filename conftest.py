import pytest


@pytest.fixture(autouse=True)
def _isolated_var_dir(settings, tmp_path):
    """Each test writes files (models, reports, backups) under its own temporary var/."""
    settings.DRIVKRAFT_VAR_DIR = tmp_path / "var"
    settings.DRIVKRAFT_VAR_DIR.mkdir()
    settings.MEDIA_ROOT = settings.DRIVKRAFT_VAR_DIR / "media"
