"""JSON shapes of the REST API; the status is the public one (valid, revoked, expired)."""
from __future__ import annotations

from django.urls import reverse
from rest_framework import serializers

from cert_xblock.core.figures import to_percent
from cert_xblock.models import IssuedCertificate, format_short_code
from cert_xblock.records.links import site_root, verify_url
from cert_xblock.records.verification import certificate_status


class CertificateSerializer(serializers.ModelSerializer):
    """A certificate as its holder sees it."""

    id = serializers.CharField(source="verify_id", read_only=True)
    short_code = serializers.SerializerMethodField()
    status = serializers.SerializerMethodField()
    course_id = serializers.CharField(source="course_key", read_only=True)
    grade_percent = serializers.SerializerMethodField()
    verify_url = serializers.SerializerMethodField()
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = IssuedCertificate
        fields = ["id", "short_code", "status", "course_id", "block_id", "name", "course_name", "org_name", "title",
                  "grade_percent", "issued_at", "expires_at", "revoked_at", "verify_url", "download_url"]
        read_only_fields = fields

    def get_short_code(self, certificate: IssuedCertificate) -> str:
        return format_short_code(certificate.short_code)

    def get_status(self, certificate: IssuedCertificate) -> str:
        return certificate_status(certificate)

    def get_grade_percent(self, certificate: IssuedCertificate) -> float | None:
        """0..100, as learners read it; the grade at the time of issue."""
        return to_percent(certificate.grade_percent) if certificate.grade_percent is not None else None

    def get_verify_url(self, certificate: IssuedCertificate) -> str:
        return verify_url(certificate.verify_id)

    def get_download_url(self, certificate: IssuedCertificate) -> str | None:
        """The holder's own download endpoint; None for anyone else (course staff see the record, not the file)."""
        request = self.context.get("request")
        if request is None or request.user.pk != certificate.user_id:
            return None
        return f"{site_root()}{reverse('cert_xblock:api-my-certificate-download', args=[certificate.verify_id])}"


class StaffCertificateSerializer(CertificateSerializer):
    """A certificate as course staff see it: whose it is and how it was issued."""

    username = serializers.CharField(source="user.username", read_only=True)

    class Meta(CertificateSerializer.Meta):
        fields = [*CertificateSerializer.Meta.fields, "username", "issued_via", "request_id"]
        read_only_fields = fields


class BlockStandingSerializer(serializers.Serializer):
    """Where a learner stands with one enabled certificate block of the course."""

    block_id = serializers.CharField()
    display_name = serializers.CharField()
    status = serializers.ChoiceField(choices=["issued", "eligible", "not_eligible", "not_available"])
    reason = serializers.CharField(allow_null=True)
    message = serializers.CharField(allow_blank=True)


class LearnerStatusSerializer(serializers.Serializer):
    username = serializers.CharField()
    course_id = serializers.CharField()
    has_valid_certificate = serializers.BooleanField()
    certificates = CertificateSerializer(many=True)
    blocks = BlockStandingSerializer(many=True)
