"""Tools for editors: the `overblik` command, new files from templates, JSON Schemas
for VS Code, the field explanations and the editors' pages (field reference,
content overdue for confirmation), and annotations for GitHub Actions.
"""
