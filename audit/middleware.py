from accounts import permissions
from audit.data_version import versions_read
from audit.reads import reading_for, stop_reading
from audit.services import answering


class AuditActorMiddleware:
    """Every change made and every free text read while answering a request is its user's."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        tokens = reading_for(request)
        try:
            with answering(request), versions_read.within(), permissions.assigned_sites.within():
                return self.get_response(request)
        finally:
            stop_reading(tokens)
