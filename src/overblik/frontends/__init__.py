"""Front ends: what hands the generated site to a static-site generator.

Only `frontends.mkdocs` exists today. Nothing outside this package imports
MkDocs or Material (a test checks it), so another front end needs no change
elsewhere.
"""
