"""Shared fixtures: the CLI to compare with, the seeds, a generated WARC."""

import json
import os
import subprocess
from pathlib import Path
from typing import Dict, List, Tuple

import pytest

from warcgen import write_warc

REPO = Path(__file__).resolve().parents[2]
SEEDS = Path(os.environ.get("NEWSGRAPH_SEEDS", REPO.parent / "shared" / "seeds"))
CLI = Path(os.environ.get("NEWSGRAPH_CLI", REPO / "target" / "release" / "newsgraph"))


@pytest.fixture(scope="session")
def cli() -> Path:
    if not CLI.exists():
        pytest.skip(f"{CLI} not built (cargo build --release -p newsgraph-cli)")
    return CLI


def run_cli(cli: Path, *args: str) -> Tuple[List[Dict], List[str]]:
    """The CLI's records and its stderr lines (messages only, summary dropped)."""
    done = subprocess.run([str(cli), "extract", *args], capture_output=True, text=True, check=False)
    records = [json.loads(line) for line in done.stdout.splitlines()]
    messages = [line[len("newsgraph: ") :] for line in done.stderr.splitlines() if "documents read" not in line]
    return records, messages


@pytest.fixture(scope="session")
def seeds() -> List[Path]:
    files = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if not files:
        pytest.skip(f"no seeds in {SEEDS}")
    return files


@pytest.fixture(scope="session")
def warc(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A few hundred generated articles and one page without text."""
    path = tmp_path_factory.mktemp("warc") / "news.warc.gz"
    write_warc(str(path), 300)
    return path


@pytest.fixture(scope="session")
def warc_cli(cli: Path, warc: Path) -> Tuple[List[Dict], List[str]]:
    return run_cli(cli, "--threads", "2", str(warc))
