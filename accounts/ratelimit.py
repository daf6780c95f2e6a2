"""A fixed-window counter for public forms: each address, and all anonymous visitors together, may
submit only so often. The counts live in the cache every process shares (`CACHES["shared"]`: the
database table or Redis), so the limit holds across gunicorn's processes."""

from django.core.cache import caches

SHARED = "shared"


def _count(key: str, window_seconds: int) -> int:
    cache = caches[SHARED]
    cache.add(key, 0, timeout=window_seconds)
    try:
        return cache.incr(key)
    except ValueError:  # the window expired between add and incr
        cache.set(key, 1, timeout=window_seconds)
        return 1


def limited(request, *, scope: str, per_address: int, in_total: int, window_seconds: int) -> bool:
    """Count this submission; True when the address or everyone together is over the limit."""
    address = request.META.get("REMOTE_ADDR", "")
    over_address = _count(f"ratelimit:{scope}:addr:{address}", window_seconds) > per_address
    over_total = _count(f"ratelimit:{scope}:all", window_seconds) > in_total
    return over_address or over_total
