"""Partner API. Reads go through the same access helpers as the pages: what a user may
not see is a 404 here too, and every read and search is audited."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from wijkkracht.accounts.roles import Capability
from wijkkracht.api.permissions import HasCapability
from wijkkracht.api.schema import ProblemSerializer
from wijkkracht.api.serializers import (
    HouseholdSerializer,
    ResidentSearchSerializer,
    ResidentSerializer,
)
from wijkkracht.audit.log import record_many
from wijkkracht.audit.models import Action, Purpose
from wijkkracht.households.access import get_household_for_user
from wijkkracht.residents.access import get_resident_for_user
from wijkkracht.residents.models import Resident

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
