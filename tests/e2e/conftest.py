"""The command line's fixtures: a clean environment, the runners (in this process, and as
a child process where the process itself counts), and the built plan (made once, copied
for each test that changes it)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers.built_plan import Plan, build_plan
from tests.helpers.cli import Cli, command_env


@pytest.fixture(scope="session")
def base_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return command_env(tmp_path_factory.mktemp("xdg-data"), tmp_path_factory.mktemp("xdg-config"))


@pytest.fixture(scope="session")
def cli(base_env: dict[str, str]) -> Cli:
    """`planner ...` run in this process: the same output and exit status."""
    return Cli(base_env)


@pytest.fixture(scope="session")
def cli_process(base_env: dict[str, str]) -> Cli:
    """`python -m planner ...` in a child process (mark the test `e2e`)."""
    return Cli(base_env, process=True)


@pytest.fixture(scope="session")
def built_plan(tmp_path_factory: pytest.TempPathFactory) -> Plan:
    return build_plan(tmp_path_factory.mktemp("built") / "plan.sqlite3")


@pytest.fixture
def plan(built_plan: Plan, tmp_path: Path) -> Plan:
    path = tmp_path / "plan.sqlite3"
    shutil.copyfile(built_plan.path, path)
    return Plan(path, dict(built_plan.ids))
