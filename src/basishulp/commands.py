"""Database-backed ``basishulp`` subcommands (Django is set up by the caller)."""

from __future__ import annotations

import argparse


def import_file(args: argparse.Namespace) -> int:
    from basishulp.trajecten.cli import import_trajectories_command

    return import_trajectories_command(args)


def demo_data(args: argparse.Namespace) -> int:
    from basishulp.demo.cli import demo_data_command

    return demo_data_command(args)


def demo(args: argparse.Namespace) -> int:
    from basishulp.demo.cli import demo_command

    return demo_command(args)
