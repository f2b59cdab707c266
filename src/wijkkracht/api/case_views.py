"""Household cases and their support plans, read-only, for involved partner systems
(scopes ``cases.read`` and ``plans.read``) and for staff with their session (need-to-know
as on the pages). Fetching and auditing go through ``api.case_access``."""

from __future__ import annotations

import datetime

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from wijkkracht.accounts.roles import Capability
from wijkkracht.api.case_access import audit_shown, cases_for, get_case_for_api, with_details
from wijkkracht.api.case_serializers import (
    CaseSerializer,
    CurrentSupportPlanSerializer,
    SupportPlanSerializer,
    current_plan_document,
    version_document,
)
from wijkkracht.api.models import Scope
from wijkkracht.api.permissions import HasCapability
from wijkkracht.api.schema import ProblemSerializer
from wijkkracht.cases.models import Case
from wijkkracht.plans.models import PlanVersion, SupportPlan

PROBLEMS = {
    400: OpenApiResponse(ProblemSerializer, description="Invalid input (invalid_params)."),
    401: OpenApiResponse(ProblemSerializer, description="Missing, invalid or expired JWT."),
    403: OpenApiResponse(ProblemSerializer, description="The client lacks the scope."),
    404: OpenApiResponse(
        ProblemSerializer, description="No such case, or not one the caller may read."
    ),
}


CASE_ID = OpenApiParameter(
    "public_id", OpenApiTypes.UUID, OpenApiParameter.PATH, description="The case's id (UUID)."
)


class UpdatedSinceField(serializers.Field):
    """An ISO 8601 date-time (with offset; without one: local time) or a date (from
    midnight, local time)."""

    default_error_messages = {
        "invalid": "Give an ISO 8601 date-time (2026-11-01T08:00:00+01:00) or date (2026-11-01)."
    }

    def to_internal_value(self, data) -> datetime.datetime:
        text = str(data).strip()
        try:
            if len(text) == 10:
                moment = datetime.datetime.combine(
                    datetime.date.fromisoformat(text), datetime.time()
                )
            else:
                moment = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            self.fail("invalid")
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        return moment


class CaseFilterSerializer(serializers.Serializer):
    updated_since = UpdatedSinceField(required=False)


class CasePagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


def _version_number(value) -> int:
    text = str(value)
    if not text.isdigit() or int(text) < 1 or len(text) > 9:
        raise serializers.ValidationError({"number": "A version number: 1, 2, 3, ..."})
    return int(text)


class CaseViewSet(viewsets.GenericViewSet):
    """Household cases the caller may read. A partner system reads the cases of households
    its organisation is involved with (an involvement that opens the record, e.g. one of
    its professionals takes part in the case); a reported involvement is not enough."""

    permission_classes = [IsAuthenticated, HasCapability]
    required_capabilities = {
        "list": Capability.VIEW_RESIDENTS,
        "retrieve": Capability.VIEW_RESIDENTS,
        "plan": Capability.VIEW_RESIDENTS,
        "plan_version": Capability.VIEW_RESIDENTS,
    }
    required_scopes = {
        "list": Scope.CASES_READ,
        "retrieve": Scope.CASES_READ,
        "plan": Scope.PLANS_READ,
        "plan_version": Scope.PLANS_READ,
    }
    audit_object_type = "case"
    lookup_field = "public_id"
    lookup_value_regex = "[^/]+"  # checked in the view: a malformed id is a 400 problem
    serializer_class = CaseSerializer
    pagination_class = CasePagination
    queryset = Case.objects.none()  # for the schema; reads go through cases_for(request)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "updated_since",
                OpenApiTypes.DATETIME,
                description="Only cases changed at or after this moment (ISO 8601 date-time, "
                "or a date: from midnight local time). Results are ordered by updated_at, "
                "oldest first, so a system can continue from the last one it saw.",
            )
        ],
        responses={200: CaseSerializer(many=True), **PROBLEMS},
        description="Cases the caller may read. Scope: cases.read. Every case and household "
        "member returned is written to the audit log.",
    )
    def list(self, request):
        filters = CaseFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        since = filters.validated_data.get("updated_since")
        cases = with_details(cases_for(request))
        if since is not None:
            cases = cases.filter(updated_at__gte=since)
        page = self.paginate_queryset(cases.order_by("updated_at", "pk"))
        audit_shown(
            request,
            page,
            results=len(page),
            page=self.paginator.page.number,
            updated_since=since.isoformat() if since else None,
        )
        return self.get_paginated_response(CaseSerializer(page, many=True).data)

    @extend_schema(
        parameters=[CASE_ID],
        responses={200: CaseSerializer, **PROBLEMS},
        description="One case: status, coordinator, involved professionals and their roles, "
        "escalation, dates. No notes, no BSN. Scope: cases.read.",
    )
    def retrieve(self, request, public_id=None):
        case = get_case_for_api(request, public_id)
        return Response(CaseSerializer(case).data)

    @extend_schema(
        parameters=[CASE_ID],
        responses={200: CurrentSupportPlanSerializer, **PROBLEMS},
        description="The case's support plan as it is now: goals per ZRM life domain, "
        "actions with who, due date and status, the agreement with the resident, the "
        "version number and the list of versions. 404 while the case has no plan. "
        "Scope: plans.read.",
    )
    @action(detail=True, methods=["get"])
    def plan(self, request, public_id=None):
        case = get_case_for_api(request, public_id, object_type="support_plan", audit_read=False)
        plan = _plan_of(request, case)
        document = current_plan_document(case, plan)
        audit_shown(request, [case], object_type="support_plan", version=plan.version)
        return Response(CurrentSupportPlanSerializer(document).data)

    @extend_schema(
        parameters=[
            CASE_ID,
            OpenApiParameter(
                "number", OpenApiTypes.INT, OpenApiParameter.PATH, description="Version number."
            ),
        ],
        responses={200: SupportPlanSerializer, **PROBLEMS},
        description="One saved version of the support plan, as it was saved. Scope: plans.read.",
    )
    @action(detail=True, methods=["get"], url_path=r"plan/versions/(?P<number>[^/]+)")
    def plan_version(self, request, public_id=None, number=None):
        case = get_case_for_api(request, public_id, object_type="support_plan", audit_read=False)
        wanted = _version_number(number)
        version = PlanVersion.objects.filter(plan__case=case, number=wanted).first()
        if version is None:
            audit_shown(request, [case], object_type="support_plan", version=wanted, found=False)
            raise NotFound(f"This plan has no version {wanted}.")
        audit_shown(request, [case], object_type="support_plan", version=wanted)
        return Response(SupportPlanSerializer(version_document(case, version)).data)


def _plan_of(request, case) -> SupportPlan:
    try:
        return case.plan
    except SupportPlan.DoesNotExist as exc:
        audit_shown(request, [case], object_type="support_plan", found=False)
        raise NotFound("This case has no support plan yet.") from exc
