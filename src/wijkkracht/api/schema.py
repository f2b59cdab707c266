from drf_spectacular.authentication import SessionScheme
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import serializers


class VerifiedSessionScheme(SessionScheme):
    target_class = "wijkkracht.api.authentication.VerifiedSessionAuthentication"
    name = "verifiedSession"


class ApiClientJWTScheme(OpenApiAuthenticationExtension):
    target_class = "wijkkracht.api.authentication.ApiClientJWTAuthentication"
    name = "partnerJWT"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "JWT",
            "description": (
                "Partner systems (ZGW API style, as Open Zaak): `Authorization: Bearer <JWT>`, "
                "signed with HS256 and the client's secret. Claims: `client_id` (or `iss`), "
                "`iat` (at most one hour old, at most five minutes in the future), optional "
                "`user_id` / `user_representation` (the professional the system acts for; "
                "recorded in the audit log). Each action needs a scope: `intake.create`, "
                "`intake.read`, `involvement.create`, `cases.read`, `plans.read`; without "
                "it: 403 naming the scope."
            ),
        }


class ProblemSerializer(serializers.Serializer):
    """application/problem+json (RFC 9457)."""

    type = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField(required=False)
    code = serializers.CharField(required=False)
    missing_scope = serializers.CharField(required=False)
    invalid_params = serializers.ListField(
        child=serializers.DictField(child=serializers.CharField()), required=False
    )
