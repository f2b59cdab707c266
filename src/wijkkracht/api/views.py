"""Partner API. Reads go through the same access helpers as the pages: what a user may
not see is a 404 here too, and every read and search is audited."""

from __future__ import annotations

import hashlib
import uuid

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from wijkkracht.accounts.roles import Capability
from wijkkracht.api.models import Scope
from wijkkracht.api.permissions import HasCapability, api_client_of
from wijkkracht.api.schema import ProblemSerializer
from wijkkracht.api.serializers import (
    HouseholdSerializer,
    InvolvementCreateSerializer,
    InvolvementSerializer,
    ResidentSearchSerializer,
    ResidentSerializer,
    SupportRequestCreateSerializer,
    SupportRequestSerializer,
)
from wijkkracht.audit.log import record, record_many
from wijkkracht.audit.models import Action, Outcome, Purpose
from wijkkracht.households.access import get_household_for_user
from wijkkracht.households.models import HouseholdMembership
from wijkkracht.intake.models import SupportRequest
from wijkkracht.intake.registration import register_request
from wijkkracht.involvements.referral_index import register_involvement
from wijkkracht.residents.access import get_resident_for_user
from wijkkracht.residents.models import Resident

IDEMPOTENCY_KEY_MAX_LENGTH = 200

SEARCH_LIMIT = 50


class ResidentViewSet(viewsets.ViewSet):
    permission_classes = [IsAuthenticated, HasCapability]
    required_capabilities = {
        "retrieve": Capability.VIEW_RESIDENTS,
        "search": Capability.SEARCH_RESIDENTS,
    }
    lookup_field = "public_id"
    lookup_value_regex = "[0-9a-f-]{36}"
    audit_object_type = "resident"

    @extend_schema(responses={200: ResidentSerializer, 404: ProblemSerializer})
    def retrieve(self, request, public_id=None):
        resident = get_resident_for_user(request.user, public_id)
        return Response(ResidentSerializer(resident).data)

    @extend_schema(
        request=ResidentSearchSerializer,
        responses={200: ResidentSerializer(many=True), 400: ProblemSerializer},
    )
    @action(detail=False, methods=["post"])
    def search(self, request):
        criteria = ResidentSearchSerializer(data=request.data)
        criteria.is_valid(raise_exception=True)
        data = criteria.validated_data
        results = list(
            Resident.objects.visible_to(request.user)
            .search(
                name=data.get("name", ""),
                date_of_birth=data.get("date_of_birth"),
                postcode=data.get("postcode", ""),
                house_number=data.get("house_number"),
                bsn=data.get("bsn", ""),
            )
            .order_by("search_surname", "search_given", "date_of_birth")[:SEARCH_LIMIT]
        )
        record_many(
            user=request.user,
            action=Action.SEARCH,
            purpose=Purpose.CARE,
            object_type="resident",
            items=[(str(r.public_id), r) for r in results] or [("", None)],
            detail={
                "criteria": sorted(k for k, v in data.items() if v),
                "results": len(results),
                "channel": "api",
            },
        )
        return Response(ResidentSerializer(results, many=True).data)


class HouseholdViewSet(viewsets.ViewSet):
    permission_classes = [IsAuthenticated, HasCapability]
    required_capabilities = {"retrieve": Capability.VIEW_RESIDENTS}
    lookup_field = "public_id"
    lookup_value_regex = "[0-9a-f-]{36}"
    audit_object_type = "household"

    @extend_schema(responses={200: HouseholdSerializer, 404: ProblemSerializer})
    def retrieve(self, request, public_id=None):
        household, memberships = get_household_for_user(request.user, public_id)
        return Response(HouseholdSerializer(household, context={"memberships": memberships}).data)


IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description="A unique key per question (for example a UUID). A retry with the same key "
    "returns the first question (200) instead of creating another one (201). Keys are "
    "scoped to the caller.",
)
PROBLEMS = {
    400: OpenApiResponse(ProblemSerializer, description="Invalid input (invalid_params)."),
    401: OpenApiResponse(ProblemSerializer, description="Missing, invalid or expired JWT."),
    403: OpenApiResponse(ProblemSerializer, description="The client lacks the scope."),
}


def _scoped_idempotency_key(request) -> str | None:
    """The Idempotency-Key header, hashed together with the caller: two partners using
    the same key never see each other's question."""
    key = request.headers.get("Idempotency-Key", "").strip()
    if not key:
        return None
    if len(key) > IDEMPOTENCY_KEY_MAX_LENGTH or not key.isprintable():
        raise serializers.ValidationError(
            {"Idempotency-Key": f"At most {IDEMPOTENCY_KEY_MAX_LENGTH} printable characters."}
        )
    return hashlib.sha256(f"api:{request.user.pk}:{key}".encode()).hexdigest()


class SupportRequestViewSet(viewsets.ViewSet):
    """Support questions (hulpvragen) registered by partners. Partner systems need the
    scope ``intake.create`` to register and ``intake.read`` to read back the questions
    they registered themselves; staff need the capability to register intake."""

    permission_classes = [IsAuthenticated, HasCapability]
    required_capabilities = {
        "create": Capability.REGISTER_INTAKE,
        "retrieve": Capability.REGISTER_INTAKE,
    }
    required_scopes = {"create": Scope.INTAKE_CREATE, "retrieve": Scope.INTAKE_READ}
    audit_object_type = "support_request"
    lookup_field = "public_id"
    lookup_value_regex = "[0-9a-f-]{36}"

    @extend_schema(
        request=SupportRequestCreateSerializer,
        parameters=[IDEMPOTENCY_KEY],
        responses={
            201: OpenApiResponse(SupportRequestSerializer, description="Registered."),
            200: OpenApiResponse(
                SupportRequestSerializer, description="A retry: the question registered first."
            ),
            **PROBLEMS,
        },
        description="Register a support question on a resident's behalf. Scope: intake.create.",
    )
    def create(self, request):
        incoming = SupportRequestCreateSerializer(data=request.data, context={"request": request})
        incoming.is_valid(raise_exception=True)
        key = _scoped_idempotency_key(request)
        data = incoming.validated_data
        user = request.user
        question, created = register_request(
            actor=user,
            municipality=data["municipality"],
            channel=data["channel"],
            description=data["description"],
            life_domains=data.get("life_domains", []),
            name=data.get("name", ""),
            date_of_birth=data.get("date_of_birth"),
            bsn=data.get("bsn", ""),
            email=data.get("email", ""),
            phone=data.get("phone", ""),
            postcode=data.get("postcode", ""),
            house_number=data.get("house_number"),
            house_number_addition=data.get("house_number_addition", ""),
            contact_preference=data.get("contact_preference", ""),
            contact_moment=data.get("contact_moment", ""),
            consent_to_contact=data.get("consent_to_contact", False),
            referrer_organisation=user.organisation,
            referrer_name=data.get("referrer_name") or getattr(user, "on_behalf_of", ""),
            api_client=api_client_of(request),
            idempotency_key=key,
        )
        if not created:
            record(
                user=user,
                action=Action.READ,
                purpose=Purpose.INTAKE,
                object_type="support_request",
                object_id=str(question.public_id),
                detail={"idempotent_retry": True},
            )
        return Response(
            SupportRequestSerializer(question).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )

    @extend_schema(
        responses={200: SupportRequestSerializer, 404: ProblemSerializer, **PROBLEMS},
        description="A question this partner system registered (scope intake.read); staff: "
        "the questions of their teams and queues.",
    )
    def retrieve(self, request, public_id=None):
        user = request.user
        client = api_client_of(request)
        if client is not None:
            questions = SupportRequest.objects.filter(
                api_client=client, municipality_id__in=user.municipality_ids()
            )
        else:
            questions = SupportRequest.objects.visible_to(user)
        try:
            key = uuid.UUID(str(public_id))
        except ValueError as exc:
            raise NotFound from exc
        question = questions.filter(public_id=key).select_related("team", "municipality").first()
        record(
            user=user,
            action=Action.READ,
            purpose=Purpose.INTAKE,
            object_type="support_request",
            object_id=str(key),
            resident=question.resident_id and question.resident if question else None,
            outcome=Outcome.ALLOWED if question else Outcome.DENIED,
        )
        if question is None:
            raise NotFound
        return Response(SupportRequestSerializer(question).data)


class InvolvementViewSet(viewsets.ViewSet):
    """Report involvement with a resident to the referral index (verwijsindex).

    The answer says how many matches this report signalled, never with whom: the other
    organisation's contact details reach the people involved as a notice (e-mail to the
    client's contact address, in the app for staff), not a system-to-system response."""

    permission_classes = [IsAuthenticated, HasCapability]
    required_capabilities = {"create": Capability.REGISTER_INVOLVEMENT}
    required_scopes = {"create": Scope.INVOLVEMENT_CREATE}
    audit_object_type = "involvement"

    @extend_schema(
        request=InvolvementCreateSerializer,
        responses={
            201: OpenApiResponse(InvolvementSerializer, description="Involvement recorded."),
            200: OpenApiResponse(
                InvolvementSerializer,
                description="Already involved: the involvement's activity was refreshed.",
            ),
            **PROBLEMS,
        },
        description="Report involvement. Scope: involvement.create. The resident is "
        "identified by BSN, or name + date of birth + postcode, among the caller's "
        "municipalities; exactly one must match.",
    )
    def create(self, request):
        incoming = InvolvementCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        user = request.user
        found = list(
            Resident.objects.in_municipalities_of(user).search(**incoming.search_arguments())[:2]
        )
        if len(found) != 1:
            record(
                user=user,
                action=Action.SEARCH,
                purpose=Purpose.CARE,
                object_type="resident",
                outcome=Outcome.DENIED,
                detail={
                    "criteria": incoming.criteria_used(),
                    "matches": "none" if not found else "several",
                    "for": "involvement",
                    "channel": "api",
                },
            )
            raise serializers.ValidationError(
                {
                    "resident": "No resident of your municipalities matches these details."
                    if not found
                    else "More than one resident matches; identify the resident by BSN."
                }
            )
        resident = found[0]
        household = None
        if incoming.validated_data["whole_household"]:
            memberships = list(
                HouseholdMembership.objects.current()
                .filter(resident=resident)
                .select_related("household")[:2]
            )
            if len(memberships) != 1:
                raise serializers.ValidationError(
                    {"whole_household": "The resident has no single current household."}
                )
            household = memberships[0].household
        try:
            involvement = register_involvement(
                actor=user,
                resident=resident,
                household=household,
                reason=incoming.validated_data["reason"],
                contact_name=getattr(user, "on_behalf_of", ""),
            )
        except DjangoValidationError as exc:
            detail = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
            raise serializers.ValidationError(detail) from exc
        return Response(
            InvolvementSerializer(involvement).data,
            status=status.HTTP_201_CREATED if involvement.was_created else status.HTTP_200_OK,
        )
