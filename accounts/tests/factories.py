import factory

from accounts.models import Role, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    role = Role.EVALUATOR

    @factory.post_generation
    def password(user, create, extracted, **kwargs):
        """Hash and store the password, so both logins and session hashes work."""
        user.set_password(extracted or "korrekt-hest-batteri")
        if create:
            user.save(update_fields=["password"])
