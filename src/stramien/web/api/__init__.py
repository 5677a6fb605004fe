"""The public REST API under ``/api/v1`` (djangorestframework + drf-spectacular), following
the NL API Design Rules: see docs/api.md. Reads go through the apps' selectors, writes
through their actions; who may do what is asked of the apps' permission functions."""

#: The full version of the API (semver), sent in the ``API-Version`` header of every answer.
API_VERSION = "1.0.0"
#: Where the API lives: the major version is in the path.
API_PREFIX = "/api/v1"
