"""The API's rate limit holds across app servers (issue 14 point 3, issue 16 point 1).

Two ``stramien serve`` processes on one database stand in for two machines behind a load
balancer. Requests with one token go to them in turn: the limit of 5 a minute is reached
after 5 requests in all, not 5 per server, because the counts live in the database
(the ``shared`` cache), not in a process's memory.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from ._serve import Server, run_stramien, server_environment
from .test_kill9 import fresh_database

pytestmark = pytest.mark.slow

MAKE_TOKEN = """
from stramien.web.accounts import actions
from stramien.web.users import User
user = User.objects.create_user("koppeling", "koppeling@example.org", "een-lang-wachtwoord-9")
_token, secret = actions.create_api_token(acting_user=user, name="BI", scope="read")
print(secret)
"""


def _status(url: str, token: str) -> int:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            json.loads(response.read())
            return int(response.status)
    except urllib.error.HTTPError as refused:
        return int(refused.code)


def test_two_servers_on_one_database_share_the_rate_limit(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    with fresh_database(tmp_path) as database:
        env = server_environment(data, database=database, STRAMIEN_API_RATE_TOKEN="5/min")
        first = Server(data, env, threads=2).start()
        try:
            second = Server(data, env, threads=2).start()
            try:
                made = run_stramien(
                    ["manage", "shell", "-c", MAKE_TOKEN], {**env, "STRAMIEN_DATA_DIR": str(data)}
                )
                assert made.returncode == 0, made.stderr
                token = made.stdout.strip().splitlines()[-1]
                codes = [
                    _status(f"{server.url}/api/v1/programmes", token)
                    for server in [first, second] * 4
                ]
                # Each server alone would still allow every one of its four.
                assert codes == [200] * 5 + [429] * 3, codes
            finally:
                second.stop()
        finally:
            first.stop()
