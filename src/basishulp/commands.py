"""Database-backed ``basishulp`` subcommands (Django is set up by the caller)."""

from __future__ import annotations

import argparse
import sys


def import_file(args: argparse.Namespace) -> int:
    from basishulp.trajecten.cli import import_trajectories_command

    return import_trajectories_command(args)


def demo_data(args: argparse.Namespace) -> int:
    from basishulp.demo.cli import demo_data_command

    return demo_data_command(args)


def demo(args: argparse.Namespace) -> int:
    from basishulp.demo.cli import demo_command

    return demo_command(args)


def bsn_rotate(args: argparse.Namespace) -> int:
    import json

    from basishulp.trajecten.bsn import BSNError
    from basishulp.trajecten.services import rotate_bsn_keys

    try:
        count = rotate_bsn_keys()
    except BSNError as exc:
        print(f"error: {exc}; nothing was changed", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps({"rotated": count}))
    else:
        print(f"re-encrypted {count} BSN(s) under the first key")
    return 0


def audit_verify(args: argparse.Namespace) -> int:
    import json

    from basishulp.audit.services import check_checkpoint, verify_log

    result = verify_log()
    if args.checkpoint:
        try:
            result["checkpoint"] = check_checkpoint(args.checkpoint)
        except (OSError, ValueError, KeyError) as exc:
            print(f"error: cannot use the checkpoint {args.checkpoint}: {exc}", file=sys.stderr)
            return 2
    ok = result["valid"] and (not args.checkpoint or result["checkpoint"]["matches"])
    if args.json:
        print(json.dumps(result))
    elif ok:
        print(f"access log intact: {result['entries']} entries")
    else:
        broken = result["first_broken"]
        if broken:
            print(f"access log BROKEN at entry {broken['id']} (position {broken['position']}): {broken['reason']}")
        if args.checkpoint and not result["checkpoint"]["matches"]:
            print(f"access log does not match the checkpoint: {result['checkpoint']['reason']}")
    return 0 if ok else 1


def api_token(args: argparse.Namespace) -> int:
    import json

    from django.contrib.auth import get_user_model

    from basishulp.accounts.access import effective_role
    from basishulp.api.auth import create_token, revoke
    from basishulp.api.models import ApiToken

    if args.token_command == "revoke":  # noqa: S105  (a subcommand, not a password)
        tokens = list(ApiToken.objects.filter(prefix=args.prefix, revoked_at=None))
        for record in tokens:
            revoke(record)
        if args.json:
            print(json.dumps({"revoked": len(tokens)}))
        else:
            print(f"revoked {len(tokens)} token(s) with prefix {args.prefix}")
        return 0 if tokens else 2
    user = get_user_model().objects.filter(username=args.username).first()
    if user is None or not user.is_active or effective_role(user) is None:
        print(f"error: no active user {args.username!r} with a role; nothing was created", file=sys.stderr)
        return 2
    try:
        record, token = create_token(user, args.name)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps({"token": token, "prefix": record.prefix, "user": user.username, "name": record.name}))
    else:
        print(token)
        print(f"(shown once; revoke with: basishulp api-token revoke {record.prefix})", file=sys.stderr)
    return 0


def forecast(args: argparse.Namespace) -> int:
    from basishulp.forecast.cli import run_forecast_command

    return run_forecast_command(args)


def backtest(args: argparse.Namespace) -> int:
    from basishulp.forecast.cli import run_backtest_command

    return run_backtest_command(args)


def report(args: argparse.Namespace) -> int:
    from basishulp.reports.cli import run_report_command

    return run_report_command(args)


def scenario(args: argparse.Namespace) -> int:
    from basishulp.forecast.scenario_cli import run_scenario_command

    return run_scenario_command(args)
