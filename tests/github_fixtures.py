"""Pytest fixtures that start the GitHub double and connect Microboard's GitHub layer to it.

Make them available to every test from `tests/conftest.py` with either

    from tests.github_fixtures import *  # noqa: F401,F403

or, in the rootdir conftest only, `pytest_plugins = ["tests.github_fixtures"]`.

Fixtures (each test gets a fresh server and fresh state):

* `github_double`: the running `GitHubDouble` (seed state, read `.requests`);
* `github_board`: the `FakeRepo` "acme/board", with a README on `main`;
* `github_client`: a PyGithub `Github` from `generator.github.connect`, unthrottled;
* `github_repo`: the PyGithub `Repository` for acme/board (one GET already made);
* `github_env`: sets GITHUB_API_URL, GITHUB_TOKEN and GITHUB_REPOSITORY for code that
  reads the environment, and returns the double.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from github import Github
from github.Repository import Repository

from generator.github import connect, get_repo
from tests.github_double import DEFAULT_TOKEN, FakeRepo, GitHubDouble

__all__ = ["BOARD", "github_double", "github_board", "github_client", "github_repo", "github_env"]

BOARD = "acme/board"


@pytest.fixture
def github_double() -> Iterator[GitHubDouble]:
    with GitHubDouble() as double:
        yield double


@pytest.fixture
def github_board(github_double: GitHubDouble) -> FakeRepo:
    return github_double.create_repo(BOARD, files={"README.md": "# Microboard\n"})


@pytest.fixture
def github_client(github_double: GitHubDouble) -> Github:
    return connect(DEFAULT_TOKEN, github_double.url, throttle=False)


@pytest.fixture
def github_repo(github_client: Github, github_board: FakeRepo) -> Repository:
    return get_repo(github_client, github_board.full_name)


@pytest.fixture
def github_env(github_double: GitHubDouble, github_board: FakeRepo, monkeypatch: pytest.MonkeyPatch) -> GitHubDouble:
    monkeypatch.setenv("GITHUB_API_URL", github_double.url)
    monkeypatch.setenv("GITHUB_TOKEN", DEFAULT_TOKEN)
    monkeypatch.setenv("GITHUB_REPOSITORY", github_board.full_name)
    return github_double
