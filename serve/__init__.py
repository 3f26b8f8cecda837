"""Serving the archive: Datasette metadata, canned queries, templates and plugins."""
