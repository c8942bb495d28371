"""Overblik: content files about volunteer and social initiatives made into a static site.

The core (content model, validation, page generation, exports) is plain Python;
`overblik.mkdocs_glue` is the only module that knows MkDocs, and `hooks/` only calls it.
"""
