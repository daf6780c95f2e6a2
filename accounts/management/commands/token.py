"""`drivkraft token USERNAME`: print the user's API token (created on first use)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from rest_framework.authtoken.models import Token


class Command(BaseCommand):
    help = "Skriver brugerens API-nøgle til headeren 'Authorization: Bearer <nøgle>' (oprettes første gang)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--renew",
            action="store_true",
            help="Slet den gamle nøgle og lav en ny (den gamle holder op med at virke).",
        )

    def handle(self, *args, username: str, renew: bool, **options):
        try:
            user = get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist as exc:
            raise CommandError(f"Ingen bruger med brugernavnet {username!r}.") from exc
        if not user.is_active:
            raise CommandError(f"Brugeren {username!r} er deaktiveret.")
        if renew:
            Token.objects.filter(user=user).delete()
        token, _created = Token.objects.get_or_create(user=user)
        self.stdout.write(token.key)
