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
