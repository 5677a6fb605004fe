"""The API's monitoring endpoints (issue 14): indicators, measurements, milestones, money."""
