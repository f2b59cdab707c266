import factory
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkkracht.accounts.models import Discipline, Role, User

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Sam"
    last_name = factory.Sequence(lambda n: f"Jansen{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    role = Role.PROFESSIONAL
    discipline = Discipline.SOCIAL_WORKER
    password = factory.django.Password(PASSWORD)

    class Params:
        team_lead = factory.Trait(role=Role.TEAM_LEAD)
        decision_officer = factory.Trait(role=Role.DECISION_OFFICER, discipline="")
        policy_analyst = factory.Trait(role=Role.POLICY_ANALYST, discipline="")
        privacy_officer = factory.Trait(role=Role.PRIVACY_OFFICER, discipline="")
        functional_admin = factory.Trait(role=Role.FUNCTIONAL_ADMIN, discipline="", is_staff=True)
        resident_account = factory.Trait(role=Role.RESIDENT, discipline="")

    @factory.post_generation
    def municipalities(self, create, extracted, **kwargs):
        if create and extracted:
            self.municipalities.set(extracted)

    @factory.post_generation
    def with_totp(self, create, extracted, **kwargs):
        if create and extracted:
            TOTPDevice.objects.create(user=self, name="test", confirmed=True)
