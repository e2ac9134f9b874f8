"""The HTTP API (and, later, the dashboard) over a coded database, served read-only."""
