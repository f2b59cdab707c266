from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from wijkkracht.areas.models import Address, Municipality, normalise_postcode, validate_postcode
from wijkkracht.core.life_domains import LifeDomain
from wijkkracht.households.models import Household, HouseholdMembership
from wijkkracht.intake.models import Channel, ContactPreference, SupportRequest
from wijkkracht.residents.models import Resident, validate_bsn

DESCRIPTION_MAX_LENGTH = 5000


def _checked_bsn(value: str) -> str:
    if value:
        try:
            validate_bsn(value)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from exc
    return value


def _checked_postcode(value: str) -> str:
    value = normalise_postcode(value)
    if value:
        try:
            validate_postcode(value)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from exc
    return value


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
        return _checked_bsn(value)

    def validate_postcode(self, value: str) -> str:
        return _checked_postcode(value)

    def validate(self, attrs):
        if not any(attrs.get(k) for k in ("name", "date_of_birth", "postcode", "bsn")):
            raise serializers.ValidationError(
                _("Give at least one of: name, date of birth, postcode or BSN.")
            )
        if attrs.get("house_number") and not attrs.get("postcode"):
            raise serializers.ValidationError({"postcode": _("A house number needs a postcode.")})
        return attrs


class SupportRequestCreateSerializer(serializers.Serializer):
    """A support question registered by a partner (system) on a resident's behalf. Only
    channel and description are required (data minimisation)."""

    channel = serializers.ChoiceField(
        choices=[c for c in Channel.choices if c[0] != Channel.PORTAL],
        help_text="How the question came in. The portal is for residents themselves.",
    )
    description = serializers.CharField(
        max_length=DESCRIPTION_MAX_LENGTH, help_text="The question, in the resident's own words."
    )
    life_domains = serializers.ListField(
        child=serializers.ChoiceField(choices=LifeDomain.choices),
        required=False,
        max_length=len(LifeDomain.choices),
    )
    municipality = serializers.CharField(
        required=False,
        max_length=6,
        help_text="CBS code of the municipality; required when the caller works for more "
        "than one. Must be one of the caller's municipalities.",
    )
    name = serializers.CharField(required=False, allow_blank=True, max_length=150)
    date_of_birth = serializers.DateField(required=False, allow_null=True)
    bsn = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=9,
        write_only=True,
        help_text="Optional; 9 digits, 11-check. Never returned.",
    )
    email = serializers.EmailField(required=False, allow_blank=True)
    phone = serializers.CharField(required=False, allow_blank=True, max_length=20)
    postcode = serializers.CharField(required=False, allow_blank=True, max_length=7)
    house_number = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=99999
    )
    house_number_addition = serializers.CharField(required=False, allow_blank=True, max_length=5)
    contact_preference = serializers.ChoiceField(
        choices=ContactPreference.choices, required=False, allow_blank=True
    )
    contact_moment = serializers.CharField(required=False, allow_blank=True, max_length=100)
    consent_to_contact = serializers.BooleanField(required=False, default=False)
    referrer_name = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=150,
        help_text="The professional who referred; defaults to the JWT's user_representation.",
    )

    def validate_bsn(self, value: str) -> str:
        return _checked_bsn(value)

    def validate_postcode(self, value: str) -> str:
        return _checked_postcode(value)

    def validate_municipality(self, value: str) -> Municipality:
        user = self.context["request"].user
        municipality = Municipality.objects.filter(
            code=value.strip().upper(), pk__in=user.municipality_ids()
        ).first()
        if municipality is None:
            raise serializers.ValidationError(_("Not one of your municipalities."))
        return municipality

    def validate(self, attrs):
        if attrs.get("house_number") and not attrs.get("postcode"):
            raise serializers.ValidationError({"postcode": _("A house number needs a postcode.")})
        if attrs.get("municipality") is None:
            own = self.context["request"].user.municipality_ids()
            if len(own) != 1:
                raise serializers.ValidationError(
                    {"municipality": _("Give the municipality's CBS code.")}
                )
            attrs["municipality"] = Municipality.objects.get(pk=own[0])
        return attrs


class SupportRequestSerializer(serializers.ModelSerializer):
    """What a partner gets back: no BSN, no personal details, no case content."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    team = serializers.CharField(source="team.name", default=None, read_only=True)
    municipality = serializers.CharField(source="municipality.code", read_only=True)

    class Meta:
        model = SupportRequest
        fields = [
            "id",
            "reference",
            "status",
            "channel",
            "municipality",
            "team",
            "received_at",
            "first_contact_due",
        ]
        read_only_fields = fields


class InvolvementCreateSerializer(serializers.Serializer):
    """Report involvement (referral index). The resident is identified by BSN, or by
    name (surname), date of birth and postcode together, among the caller's
    municipalities; exactly one resident must match."""

    bsn = serializers.CharField(required=False, allow_blank=True, max_length=9, write_only=True)
    name = serializers.CharField(required=False, allow_blank=True, max_length=120)
    date_of_birth = serializers.DateField(required=False, allow_null=True)
    postcode = serializers.CharField(required=False, allow_blank=True, max_length=7)
    whole_household = serializers.BooleanField(
        required=False,
        default=False,
        help_text="The involvement concerns the resident's whole (current) household.",
    )
    reason = serializers.CharField(
        max_length=200, help_text="A few words; never shown to other organisations."
    )

    IDENTIFYING = ("name", "date_of_birth", "postcode")

    def validate_bsn(self, value: str) -> str:
        return _checked_bsn(value)

    def validate_postcode(self, value: str) -> str:
        return _checked_postcode(value)

    def validate(self, attrs):
        if attrs.get("bsn"):
            return attrs
        missing = [k for k in self.IDENTIFYING if not attrs.get(k)]
        if len(missing) == len(self.IDENTIFYING):
            raise serializers.ValidationError(
                _("Give the BSN, or name, date of birth and postcode together.")
            )
        if missing:
            raise serializers.ValidationError(
                {
                    k: _("Give name, date of birth and postcode together, or the BSN.")
                    for k in missing
                }
            )
        return attrs

    def search_arguments(self) -> dict:
        data = self.validated_data
        if data.get("bsn"):
            return {"bsn": data["bsn"]}
        return {k: data[k] for k in self.IDENTIFYING}

    def criteria_used(self) -> list[str]:
        return ["bsn"] if self.validated_data.get("bsn") else list(self.IDENTIFYING)


class InvolvementSerializer(serializers.Serializer):
    """The answer to a report. It says whether the referral index signalled matches, not
    with whom: the other side's contact details go to the people involved (notice by
    e-mail and in the app), not into a system-to-system response."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    started_on = serializers.DateField(read_only=True)
    expires_on = serializers.DateField(read_only=True)
    whole_household = serializers.SerializerMethodField()
    matches_signalled = serializers.SerializerMethodField(
        help_text="Number of new matches this report signalled (0: none)."
    )

    def get_whole_household(self, obj) -> bool:
        return obj.household_id is not None

    def get_matches_signalled(self, obj) -> int:
        return len(getattr(obj, "new_matches", []))
