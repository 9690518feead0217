"""``revoke_certificate --block USAGE_KEY (--user USER | --verify-id ID) --reason TEXT [--restore]``.

Revokes a learner's certificate of the block (the record and its file are kept; the verify page says it was
revoked and when; the holder can no longer download it), or with ``--restore`` makes it valid again.
"""
from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cert_xblock import staff
from cert_xblock.staff.commands import add_block_arguments, add_certificate_arguments, command_block, operator


class Command(BaseCommand):
    help = "Revoke (or with --restore, restore) one learner's certificate of a certificate block."

    def add_arguments(self, parser: Any) -> None:
        add_block_arguments(parser)
        add_certificate_arguments(parser, "--verify-id", help="The certificate's verification id")
        parser.add_argument("--restore", action="store_true", help="Restore a revoked certificate instead")

    def handle(self, *args: Any, **options: Any) -> None:
        block = command_block(options["block"])
        actor = operator(options["by"])
        try:
            certificate = staff.block_certificate(block.ref, verify_id=options["verify_id"], username=options["user"],
                                                  live=not options["restore"])
            change = staff.restore if options["restore"] else staff.revoke
            certificate = change(block.ref, certificate, options["reason"], actor)
        except staff.StaffError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"{certificate.verify_id} ({certificate.user.username}): {certificate.status}; "
                          f"request id: {actor.request_id}")
