from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from wijkkracht.areas.models import Address, normalise_postcode, validate_postcode
from wijkkracht.households.models import Household, HouseholdMembership
from wijkkracht.residents.models import Resident, validate_bsn


class AddressSerializer(serializers.ModelSerializer):
    neighbourhood_code = serializers.CharField(source="neighbourhood.code", default=None)
    # Declared, so the schema does not depend on the database's integer range.
    house_number = serializers.IntegerField(read_only=True)

    class Meta:
        model = Address
        fields = [
            "street",
            "house_number",
            "house_letter",
            "house_number_addition",
            "postcode",
            "town",
            "neighbourhood_code",
        ]


class ResidentSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    has_bsn = serializers.SerializerMethodField(
        help_text="Whether a BSN is registered. The BSN itself is never returned."
    )

    class Meta:
        model = Resident
        fields = [
            "id",
            "given_names",
            "surname_prefix",
            "surname",
            "date_of_birth",
            "has_bsn",
            "email",
            "phone",
        ]

    def get_has_bsn(self, obj: Resident) -> bool:
        return bool(obj.bsn)


class MemberSerializer(serializers.ModelSerializer):
    resident = ResidentSerializer()

    class Meta:
        model = HouseholdMembership
        fields = ["resident", "relation", "started_on", "ended_on"]


class HouseholdSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    address = AddressSerializer()
    members = serializers.SerializerMethodField()

    class Meta:
        model = Household
        fields = ["id", "address", "started_on", "ended_on", "members"]

    def get_members(self, obj) -> list[dict]:
        return MemberSerializer(self.context["memberships"], many=True).data


class ResidentSearchSerializer(serializers.Serializer):
    """Search criteria travel in the request body, never in the URL."""

    name = serializers.CharField(required=False, allow_blank=True, max_length=100)
    date_of_birth = serializers.DateField(required=False, allow_null=True)
    postcode = serializers.CharField(required=False, allow_blank=True, max_length=7)
    house_number = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    bsn = serializers.CharField(required=False, allow_blank=True, max_length=9, write_only=True)

    def validate_bsn(self, value: str) -> str:
        if value:
            try:
                validate_bsn(value)
            except DjangoValidationError as exc:
                raise serializers.ValidationError(exc.messages) from exc
        return value

    def validate_postcode(self, value: str) -> str:
        value = normalise_postcode(value)
        if value:
            try:
                validate_postcode(value)
            except DjangoValidationError as exc:
                raise serializers.ValidationError(exc.messages) from exc
        return value

    def validate(self, attrs):
        if not any(attrs.get(k) for k in ("name", "date_of_birth", "postcode", "bsn")):
            raise serializers.ValidationError(
                _("Give at least one of: name, date of birth, postcode or BSN.")
            )
        if attrs.get("house_number") and not attrs.get("postcode"):
            raise serializers.ValidationError({"postcode": _("A house number needs a postcode.")})
        return attrs
