from audit.services import acting_as


class AuditActorMiddleware:
    """Every change made while answering a request is attributed to the logged-in user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            with acting_as(user):
                return self.get_response(request)
        return self.get_response(request)
