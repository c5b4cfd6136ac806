"""The ``basishulp demo-data`` and ``basishulp demo`` commands (Django is set up by the caller).

Contract (data-formats.md §2): exit 0 on success, 2 on bad input with one line on
stderr; ``--json`` prints exactly one JSON document on stdout. The services of the
other apps are imported inside the functions, so the generator and its tests do not
depend on them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

from basishulp.trajecten.domain.records import TrajectoryRecord

from .calibration import CalibrationReport, check
from .generator import DEFAULT_SEED, generate

__all__ = ["DEMO_URL", "demo_command", "demo_data_command"]

DEMO_URL = "http://127.0.0.1:8000/"


def _url(addr: str) -> str:
    """The URL ``runserver`` serves on for ``addr`` (``[host:]port``)."""
    host, _, port = addr.rpartition(":")
    if not host or host in ("0.0.0.0", "0"):  # noqa: S104 - only used to print a local URL
        host = "127.0.0.1"
    return f"http://{host}:{port}/"


def _summary(records: Sequence[TrajectoryRecord], report: CalibrationReport) -> str:
    clients = len({r.client_id for r in records})
    passed = sum(c.ok for c in report.checks)
    state = "ok" if report.ok else "FAILED: " + ", ".join(c.name for c in report.failed)
    return f"{len(records)} trajectories, {clients} clients; calibration {passed}/{len(report.checks)} checks {state}"


def _write_csv(records: Sequence[TrajectoryRecord], path: str) -> None:
    from basishulp.trajecten.domain.csvfile import write_trajectories

    with open(path, "w", encoding="utf-8", newline="") as out:
        write_trajectories(records, out)


def _load(records: Sequence[TrajectoryRecord]) -> tuple[Any, list[tuple[str, str, str]]]:
    from basishulp.accounts.services import ensure_demo_users
    from basishulp.trajecten.services import trajectories_import

    batch = trajectories_import(records=records, filename="demo-data", acting_user=None)
    users = ensure_demo_users()
    _load_finance()
    _load_report_sources()
    _load_requests(records)
    _load_ijw_identifiers()
    return batch, users


def _load_report_sources() -> None:
    """The published flows of seed 001 §8, the sample CBS file and the governance
    registers (after the finance figures: the risks link to the meerkosten claim);
    idempotent."""
    from basishulp.comparisons.source_data import load_demo_benchmark, load_demo_published
    from basishulp.registers.source_data import load_demo_registers as load_governance_registers

    load_demo_published()
    load_demo_benchmark()
    load_governance_registers()


def _load_ijw_identifiers() -> None:
    """Synthetic identifiers so ``basishulp ijw export`` has something to write in the
    demo: an AGB code ``9800nnnn`` for every area team and provider (not real AGB codes),
    and a test BSN (999xxxxxx, valid 11-proef, the range for test systems) for clients
    with a trajectory running in 2023, as far as the test range goes (idempotent)."""
    from django.db import transaction
    from django.db.models import Q

    from basishulp.trajecten import bsn as bsn_tools
    from basishulp.trajecten.domain.csvfile import is_bsn
    from basishulp.trajecten.models import CareUnit, Client

    with transaction.atomic():
        units = CareUnit.objects.exclude(kind=CareUnit.Kind.UNKNOWN).filter(agb_code__isnull=True).order_by("code")
        for number, unit in enumerate(units, start=1):
            unit.agb_code = f"9800{number:04d}"
            unit.save(update_fields=["agb_code"])
        used = set(Client.objects.exclude(bsn_digest=None).values_list("bsn_digest", flat=True))
        free = (
            bsn
            for n in range(999_900_000, 1_000_000_000)
            if is_bsn(bsn := f"{n:09d}") and bsn_tools.digest(bsn) not in used
        )
        clients = (
            Client.objects.filter(
                Q(trajectories__end_date__isnull=True) | Q(trajectories__end_date__gte="2023-01-01"),
                bsn_digest=None,
                trajectories__start_date__lte="2023-12-31",
            )
            .distinct()
            .order_by("pseudonym")
        )
        changed = []
        for client, bsn in zip(clients, free, strict=False):
            client.bsn_encrypted, client.bsn_digest = bsn_tools.encrypt(bsn), bsn_tools.digest(bsn)
            changed.append(client)
        Client.objects.bulk_update(changed, ["bsn_encrypted", "bsn_digest"], batch_size=1000)


def _load_requests(records: Sequence[TrajectoryRecord]) -> int:
    """Help requests for 2022-2023 and the published complaints (idempotent)."""
    from django.utils import timezone

    from basishulp.demo.requests import plan_requests
    from basishulp.toeleiding.services import load_planned
    from basishulp.toeleiding.source_data import load_demo_registers, load_published_complaints

    load_published_complaints()
    load_demo_registers()
    count = load_planned(plan_requests(records, timezone.localdate()))
    _assign_to_demo_referrer()
    return count


def _assign_to_demo_referrer(count: int = 12) -> None:
    """Some GP requests of Heerlen in 2023 were sent by the demo referrer through the
    portal, so the portal has something to show (idempotent)."""
    from basishulp.accounts.models import Profile, Role
    from basishulp.toeleiding.models import HelpRequest

    profile = Profile.objects.filter(user__username="verwijzer", role=Role.REFERRER).select_related("user").first()
    if profile is None or HelpRequest.objects.filter(submitted_by=profile.user).exists():
        return
    chosen = HelpRequest.objects.filter(
        referrer_type="02", municipality__code="GM0917", received_on__year=2023
    ).order_by("received_on", "id")[:count]
    HelpRequest.objects.filter(pk__in=[r.pk for r in chosen]).update(
        submitted_by=profile.user, referrer_organisation=profile.organisation
    )


def _load_finance() -> dict[str, int]:
    """The published money figures 2019-2023 (idempotent)."""
    from basishulp.finance.source_data import load_source_figures

    return load_source_figures()


def demo_data_command(args: argparse.Namespace) -> int:
    """Generate the calibrated data set; write it to ``--csv`` or load it into the database."""
    seed = DEFAULT_SEED if args.seed is None else args.seed
    records = generate(seed)
    report = check(records)
    clients = len({r.client_id for r in records})
    if args.csv:
        try:
            _write_csv(records, args.csv)
        except OSError as exc:
            print(f"error: cannot write {args.csv}: {exc.strerror or exc}", file=sys.stderr)
            return 2
        if args.json:
            document = {
                "file": args.csv,
                "seed": seed,
                "trajectories": len(records),
                "clients": clients,
                "calibration": report.to_dict(),
            }
            print(json.dumps(document, ensure_ascii=False))
        else:
            print(f"wrote {args.csv}: {_summary(records, report)} (seed {seed})")
        return 0

    batch, users = _load(records)
    if args.json:
        document = {
            "file": None,
            "seed": seed,
            "trajectories": len(records),
            "clients": clients,
            "import": {
                "rows": batch.rows,
                "created": batch.created,
                "updated": batch.updated,
                "unchanged": batch.unchanged,
                "warnings": list(batch.warnings),
            },
            "users": [{"username": u, "description": d} for u, _, d in users],
            "calibration": report.to_dict(),
        }
        print(json.dumps(document, ensure_ascii=False))
    else:
        print(
            f"loaded demo data: {_summary(records, report)} (seed {seed}); "
            f"{batch.created} created, {batch.updated} updated, {batch.unchanged} unchanged; "
            f"demo users: {', '.join(u for u, _, _ in users)}"
        )
    return 0


def demo_command(args: argparse.Namespace) -> int:
    """Migrate, load the demo data into an empty database, print the logins and serve."""
    from django.core.management import call_command

    from basishulp.trajecten.models import Trajectory

    call_command("migrate", interactive=False, verbosity=0)
    if Trajectory.objects.exists():
        print("the database already holds trajectories: demo data not loaded again")
        from basishulp.accounts.services import ensure_demo_users

        users = ensure_demo_users()
        _load_finance()
        _load_report_sources()
    else:
        records = generate(DEFAULT_SEED)
        batch, users = _load(records)
        clients = len({r.client_id for r in records})
        print(f"loaded the demo data: {batch.created} trajectories of {clients} synthetic clients (HLV 2019-2023)")
        print("loaded the published money figures 2019-2023 (lump sums, index series, statements, members)")
        print("loaded a help request for every journey that opens in 2023, and the published complaint counts")
        print("loaded the risk dossier, portfolio, FTE and texts of 2023-H1, published flows and sample CBS figures")
    print(f"open {_url(args.addr)}")
    print("the half-year report: menu Rapporten, or 'basishulp report --period 2023-H1 --out rapport.pdf'")
    print("demo logins (username / password):")
    width = max((len(u) for u, _, _ in users), default=0)
    for username, password, description in users:
        print(f"  {username.ljust(width)}  {password}  - {description}")
    if args.no_serve:
        return 0
    call_command("runserver", args.addr, use_reloader=False)
    return 0
