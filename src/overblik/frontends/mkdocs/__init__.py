"""The MkDocs + Material front end: the only package that imports `mkdocs` or `material`.

* `glue`: what `hooks/overblik_hooks.py` calls on each MkDocs event
* `navcache`: Material's navigation rendered once per folder
* `rawhtml`: the generated pages' HTML blocks set aside without parsing them
* `preview` / `sourcecache`: what `mkdocs serve` (and ``--dirty``) does to show an edit fast
* `parallel`: half of the generated pages rendered in a forked child (`mkdocs build`)
* `finished`: generated pages reach the theme as finished HTML
"""
