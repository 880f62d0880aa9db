"""Build time only: the MkDocs plugin and the Markdown extension that turn lessons and exercise
folders into pages, and the assets the browser needs (see ``plugin.py`` for the map)."""
