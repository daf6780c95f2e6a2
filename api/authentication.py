from rest_framework.authentication import TokenAuthentication


class BearerTokenAuthentication(TokenAuthentication):
    """`Authorization: Bearer <token>`, as printed by `drivkraft token USERNAME`."""

    keyword = "Bearer"
