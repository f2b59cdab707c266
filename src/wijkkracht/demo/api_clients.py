"""The demo partner systems: an API client of the housing corporation (scopes
intake.create, intake.read, involvement.create), with involvements it reports for a few of
the coordinator's households, so that the referral index shows notices in the demo; and
one of the coordinator's own organisation (scopes cases.read, plans.read), whose
registration system reads the household cases and plans its professionals work on."""

from __future__ import annotations

from django.contrib.auth.hashers import make_password
from django.db.models import Q
from django.utils.translation import gettext as _

from wijkkracht.accounts.models import Role, User
from wijkkracht.api.models import ApiClient, Scope
from wijkkracht.areas.models import Municipality
from wijkkracht.households.models import HouseholdMembership
from wijkkracht.involvements.models import Involvement
from wijkkracht.involvements.referral_index import register_involvement
from wijkkracht.organisations.models import Organisation

DEMO_SCOPES = [Scope.INTAKE_CREATE, Scope.INTAKE_READ, Scope.INVOLVEMENT_CREATE]
CASE_SCOPES = [Scope.CASES_READ, Scope.PLANS_READ]
DEMO_CONTACT = "Ilse Verbeek (woonconsulent)"
OVERLAPPING = 3  # coordinator's residents the housing corporation also reports


def demo_client_id(municipality: Municipality) -> str:
    return f"woonstichting-{municipality.code.lower()}"


def case_client_id(municipality: Municipality) -> str:
    return f"registratie-{municipality.code.lower()}"


def create_demo_api_client(*, municipality: Municipality, coordinator: User) -> ApiClient:
    """Create the housing corporation's API client and its service user, and report its
    involvement with some of the coordinator's residents (one through another household
    member), without e-mail."""
    organisation = Organisation.objects.get(
        municipalities=municipality, kind=Organisation.Kind.HOUSING_CORPORATION
    )
    api_client = _service_client(
        municipality=municipality,
        organisation=organisation,
        client_id=demo_client_id(municipality),
        name=_("%(organisation)s – tenant system") % {"organisation": organisation.name},
        scopes=DEMO_SCOPES,
    )
    if coordinator.organisation_id:
        _service_client(
            municipality=municipality,
            organisation=coordinator.organisation,
            client_id=case_client_id(municipality),
            name=_("%(organisation)s – registration system")
            % {"organisation": coordinator.organisation.name},
            scopes=CASE_SCOPES,
        )
    service_user = api_client.user
    _report_overlapping_involvements(service_user, coordinator)
    return api_client


def _service_client(
    *, municipality: Municipality, organisation: Organisation, client_id: str, name: str, scopes
) -> ApiClient:
    service_user = User.objects.create(
        username=f"api-{client_id}",
        role=Role.PARTNER_SYSTEM,
        first_name=f"{organisation.name} (API)"[:150],
        email=f"api@{client_id}.example",
        password=make_password(None),
        organisation=organisation,
    )
    service_user.municipalities.set([municipality])
    return ApiClient.objects.create(
        name=name[:150],
        client_id=client_id,
        scopes=[str(scope) for scope in scopes],
        user=service_user,
    )


def _report_overlapping_involvements(service_user: User, coordinator: User) -> None:
    involvements = list(
        Involvement.objects.active()
        .filter(professional=coordinator)
        .select_related("resident")
        .order_by("pk")[:OVERLAPPING]
    )
    for n, involvement in enumerate(involvements):
        resident = involvement.resident
        if n == OVERLAPPING - 1:  # a household match: another member of the household
            other = (
                HouseholdMembership.objects.current()
                .filter(
                    household__memberships__resident=resident,
                    household__memberships__ended_on__isnull=True,
                )
                .exclude(resident=resident)
                .select_related("resident")
                .order_by("resident_id")
                .first()
            )
            resident = other.resident if other is not None else resident
        register_involvement(
            actor=service_user,
            resident=resident,
            reason="Huurachterstand",
            contact_name=DEMO_CONTACT,
            notify_by_email=False,
        )


def delete_demo_api_clients(municipality: Municipality) -> None:
    """API clients whose service user works only for this (demo) municipality."""
    others = Municipality.objects.exclude(pk=municipality.pk)
    ApiClient.objects.filter(user__municipalities=municipality).exclude(
        user__municipalities__in=others
    ).delete()


def demo_api_client_lines(municipality: Municipality | None = None) -> list[str]:
    """For ``manage.py demo``: how to call the API as the demo partner system."""
    clients = ApiClient.objects.filter(user__role=Role.PARTNER_SYSTEM, is_active=True)
    if municipality is not None:
        clients = clients.filter(
            client_id__in=[demo_client_id(municipality), case_client_id(municipality)]
        )
    else:
        clients = clients.filter(
            Q(client_id__startswith="woonstichting-gm") | Q(client_id__startswith="registratie-gm")
        )
    return [
        _(
            "Partner system (API): client_id %(client_id)s, secret %(secret)s, scopes "
            "%(scopes)s. Sign a JWT (HS256) with client_id and iat; send it as "
            "'Authorization: Bearer <JWT>'."
        )
        % {
            "client_id": client.client_id,
            "secret": client.secret,
            "scopes": ", ".join(client.scopes),
        }
        for client in clients.order_by("client_id")
    ]
