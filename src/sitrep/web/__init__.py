"""The dashboard's files: pages, scripts and the front-end libraries vendored from npm."""
