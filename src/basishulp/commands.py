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
