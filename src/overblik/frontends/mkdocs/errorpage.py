"""`mkdocs serve` while the content has errors: a Danish error page instead of a stuck browser.

MkDocs keeps the browser waiting ("The server will appear stuck …") when a
rebuild fails, and says so only in English in the terminal. Instead, while the
content has errors, the served site is one page with the same report as
`overblik check`; every other address shows it too (as the server's 404 page).
When the editor saves the fix, the site is built again and the browser reloads
by itself: the page MkDocs serves carries its live-reload script, and the 404
page asks the server every other second whether the page is back.
"""

from __future__ import annotations

import html

TITLE = "Indholdet har fejl"
LEAD = (
    "Siden kan ikke vises, før fejlene herunder er rettet. Det er de samme beskeder, som "
    "<code>overblik check</code> giver. Ret filen, og gem den: siden bygges igen og vises af sig selv."
)


def markdown(report: str) -> str:
    """The error page in the site's theme (index.md)."""
    return (
        f"---\ntitle: {TITLE}\nsearch:\n  exclude: true\n---\n\n# {TITLE}\n\n"
        f'<p class="ob-lead">{LEAD}</p>\n\n<pre class="ob-fejl"><code>{html.escape(report)}</code></pre>\n'
    )


def standalone(report: str) -> str:
    """The same page without the theme, for every other address (404.html)."""
    return f"""<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{TITLE}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }}
pre {{ white-space: pre-wrap; background: #fff4f4; border-left: 4px solid #a00; padding: 1rem; }}
</style>
</head>
<body>
<h1>{TITLE}</h1>
<p>{LEAD}</p>
<pre><code>{html.escape(report)}</code></pre>
<script>
setInterval(function () {{
  fetch(location.href, {{cache: "no-store"}}).then(function (r) {{ if (r.ok) location.reload(); }});
}}, 2000);
</script>
</body>
</html>
"""
