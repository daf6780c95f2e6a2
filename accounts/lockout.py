"""Login lockout per user name; failures for names nobody has are counted per address instead.

django-axes counts failures under the lockout parameters returned here. A known name is locked on
its own, wherever the guesses come from, and only its own success clears its failures. Unknown
names share one counter per address (under a placeholder name), so guessing names from one
address ends there without locking out the real users behind it.
"""

from django.contrib.auth import get_user_model

UNKNOWN_USERNAME = "(ukendt brugernavn)"


def _typed_username(request, credentials) -> str:
    if credentials and credentials.get("username"):
        return str(credentials["username"])
    post = getattr(request, "POST", None)
    return str(post.get("username", "")) if post is not None else ""


def lockout_username(request, credentials=None) -> str:
    """AXES_USERNAME_CALLABLE: the typed name if such a user exists, else the placeholder."""
    name = _typed_username(request, credentials)
    if name and get_user_model()._default_manager.filter(username=name).exists():
        return name
    return UNKNOWN_USERNAME


def lockout_parameters(request_or_attempt, credentials=None) -> list:
    """AXES_LOCKOUT_PARAMETERS: the user name alone, or (placeholder, address) for unknown names."""
    username = getattr(request_or_attempt, "username", None)
    if not isinstance(username, str):  # a request: attempts and logs carry the stored name
        username = lockout_username(request_or_attempt, credentials)
    return [["username", "ip_address"]] if username == UNKNOWN_USERNAME else ["username"]
