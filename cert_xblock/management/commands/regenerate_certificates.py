"""``regenerate_certificates --block USAGE_KEY (--user USER | --all) --reason TEXT``.

Prints a certificate again (after a name change) or every valid certificate of the block (after a design
change): a new PDF under the same verify id and short code; the earlier printing is kept in its history.
"""
from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cert_xblock import staff
from cert_xblock.staff.commands import add_block_arguments, add_certificate_arguments, command_block, operator


class Command(BaseCommand):
    help = "Regenerate one learner's certificate of a block, or all of them."

    def add_arguments(self, parser: Any) -> None:
        add_block_arguments(parser)
        add_certificate_arguments(parser, "--all", action="store_true", help="Every valid certificate of the block")

    def handle(self, *args: Any, **options: Any) -> None:
        block = command_block(options["block"])
        actor = operator(options["by"])
        try:
            if options["all"]:
                counts = staff.regenerate_all(block.ref, block.rules, options["reason"], actor,
                                              progress=lambda done, total: self.stderr.write(f"{done}/{total}"))
                self.stdout.write(f"regenerated: {counts['regenerated']}, failed: {counts['failed']}; "
                                  f"request id: {actor.request_id}")
                if counts["failed"]:
                    raise CommandError(f"{counts['failed']} certificates failed; see the log lines with "
                                       f"request_id={actor.request_id}")
                return
            certificate = staff.block_certificate(block.ref, username=options["user"], live=True)
            certificate = staff.regenerate(block.ref, block.rules, certificate, options["reason"], actor)
        except staff.StaffError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"{certificate.verify_id} ({certificate.user.username}): version {certificate.version}, "
                          f"printed as {certificate.name!r}; request id: {actor.request_id}")
