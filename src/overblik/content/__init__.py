"""The content model: what editors write and how it is read and checked.

Types of field, one schema per content type, the controlled vocabulary, reading
files (Markdown with front matter, or YAML), validation with Danish problems for
editors, and the `Repository` that loads and cross-checks everything. Knows
nothing about pages, HTML or MkDocs: every other room builds on this one.
"""
