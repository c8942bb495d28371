"""Overblik: content files about volunteer and social initiatives made into a static site.

The rooms, each importing only from the ones before it (tests/test_rooms.py):

    content ← site ← overviews / opendata / editor ← build ← frontends

`overblik.frontends.mkdocs` is the only package that knows MkDocs and Material,
and `hooks/` only calls it; `overblik.danish` is a leaf every room may use.
"""
