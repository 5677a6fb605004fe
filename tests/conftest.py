"""Setup for the whole test suite."""

from __future__ import annotations

import os

# No test may write to the user's cache folder: `stramien render` keeps its cache there
# unless this variable says otherwise (empty: no disk cache). Tests that want a disk cache
# set one of their own.
os.environ["STRAMIEN_RENDER_CACHE_DIR"] = ""
