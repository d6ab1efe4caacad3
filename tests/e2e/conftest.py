"""The command-line fixtures of test_cli, shared with the other command-line tests."""

from tests.e2e.cli.test_items import base_env, built_plan, cli, plan  # noqa: F401
