"""``cert_allowlist --block USAGE_KEY [--add USER ...] [--remove USER ...] [--csv FILE] [--note TEXT]``.

The platform's old ``cert_whitelist`` for this block's allowlist: learners who get the certificate regardless of
grade. Without an action it lists the allowlist. ``--csv`` applies a file (``username or email[,note]`` per line)
in one transaction and prints a line per row; the exit status is 1 when any row was refused.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cert_xblock import staff
from cert_xblock.staff.commands import add_block_arguments, command_block, operator


class Command(BaseCommand):
    help = "Add learners to a certificate block's allowlist, remove them, import a CSV, or list it."

    def add_arguments(self, parser: Any) -> None:
        add_block_arguments(parser)
        parser.add_argument("--add", nargs="+", default=[], metavar="USER", help="Usernames or email addresses")
        parser.add_argument("--remove", nargs="+", default=[], metavar="USER", help="Usernames or email addresses")
        parser.add_argument("--csv", type=Path, help="A CSV file: username or email[,note] per line")
        parser.add_argument("--note", default="", help="Why (kept with the entry and in the audit trail)")

    def handle(self, *args: Any, **options: Any) -> None:
        block = command_block(options["block"])
        actor = operator(options["by"])
        refused = 0
        try:
            for user in options["add"]:
                self.stdout.write(f"{user}: {staff.allowlist_add(block.ref, user, options['note'], actor)}")
            for user in options["remove"]:
                staff.allowlist_remove(block.ref, user, options["note"], actor)
                self.stdout.write(f"{user}: removed")
        except staff.StaffError as exc:
            raise CommandError(str(exc)) from None
        if options["csv"]:
            rows = staff.allowlist_import_csv(block.ref, options["csv"].read_bytes(), actor, options["note"])
            for row in rows:
                self.stdout.write(f"line {row.line}: {row.identifier or '-'}: {row.outcome}"
                                  + (f" ({row.message})" if row.message else ""))
            refused = sum(row.outcome == "error" for row in rows)
        if not (options["add"] or options["remove"] or options["csv"]):
            for entry in staff.allowlist_entries(block.ref):
                self.stdout.write(f"{entry['username']}\t{entry['email']}\t{entry['note']}\t{entry['added_by']}\t"
                                  f"{entry['added_at']}")
        self.stdout.write(f"request id: {actor.request_id}")
        if refused:
            raise CommandError(f"{refused} rows were refused; the others were applied")
