"""Partner systems for the API tests: an ApiClient per municipality and a helper that signs
a JWT the way a partner does (HS256, client_id + iat)."""

from __future__ import annotations

import time

import jwt
from django.contrib.auth.hashers import make_password

from wijkkracht.accounts.models import Role
from wijkkracht.accounts.tests.factories import UserFactory
from wijkkracht.api.models import ApiClient, Scope
from wijkkracht.organisations.models import Organisation
from wijkkracht.organisations.tests.factories import OrganisationFactory

ALL_SCOPES = list(Scope)


def make_api_client(municipality, *, client_id: str, scopes=ALL_SCOPES, **kwargs) -> ApiClient:
    organisation = OrganisationFactory(
        name=f"Woonstichting {client_id}",
        kind=Organisation.Kind.HOUSING_CORPORATION,
        email=f"{client_id}@woonstichting.example",
        phone="010-1234567",
        municipalities=[municipality],
    )
    user = UserFactory(
        username=f"api-{client_id}",
        role=Role.PARTNER_SYSTEM,
        discipline="",
        email="",
        organisation=organisation,
        municipalities=[municipality],
        password=make_password(None),
    )
    return ApiClient.objects.create(
        name=f"Huurdersysteem {client_id}",
        client_id=client_id,
        scopes=[str(s) for s in scopes],
        user=user,
        **kwargs,
    )


def token(api_client: ApiClient, *, secret: str | None = None, **claims) -> str:
    payload = {"client_id": api_client.client_id, "iat": int(time.time())}
    payload.update(claims)
    payload = {k: v for k, v in payload.items() if v is not None}
    return jwt.encode(payload, secret or api_client.secret, algorithm="HS256")


def bearer(api_client: ApiClient, **claims) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token(api_client, **claims)}"}
