import factory

from accounts.models import Role, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    role = Role.EVALUATOR
    password = factory.PostGenerationMethodCall("set_password", "korrekt-hest-batteri")
