"""One place that reads the environment, so settings stay declarative."""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("DRIVKRAFT_VAR_DIR", BASE_DIR / "var"))


def env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def database_config() -> dict:
    """DATABASE_URL when set, else the embedded SQLite file in WAL mode."""

    (VAR_DIR / "static").mkdir(parents=True, exist_ok=True)
    url = env("DATABASE_URL")
    if url:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    else:
        config = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(VAR_DIR / "drivkraft.sqlite3")}
    # The project's own backends: Django's, writing a transaction's data versions as it commits.
    config["ENGINE"] = config["ENGINE"].replace("django.db.backends.", "config.db.")
    if config["ENGINE"] == "config.db.sqlite3":
        config["TEST"] = {"NAME": ":memory:"}  # as Django's own sqlite3 engine tests by default
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
        }
    return config


def shared_cache_config() -> dict:
    """The cache every worker shares (the analysis per data version): a table in the database, or
    Redis when DRIVKRAFT_REDIS_URL is set (Django's RedisCache; needs the `redis` package)."""
    url = env("DRIVKRAFT_REDIS_URL")
    if url:
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url, "TIMEOUT": 86400}
    return {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "drivkraft_cache",
        "TIMEOUT": 86400,
        # Per site: its records, status and page records (about 90 KB at the demo's density), so
        # 2,000 sites need 6,000 entries; fewer and every set culls what the next page reads.
        "OPTIONS": {"MAX_ENTRIES": int(env("DRIVKRAFT_CACHE_ENTRIES") or 20000)},
    }
