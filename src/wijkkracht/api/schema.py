from drf_spectacular.authentication import SessionScheme
from rest_framework import serializers


class VerifiedSessionScheme(SessionScheme):
    target_class = "wijkkracht.api.authentication.VerifiedSessionAuthentication"
    name = "verifiedSession"


class ProblemSerializer(serializers.Serializer):
    """application/problem+json (RFC 9457)."""

    type = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField(required=False)
    invalid_params = serializers.ListField(
        child=serializers.DictField(child=serializers.CharField()), required=False
    )
