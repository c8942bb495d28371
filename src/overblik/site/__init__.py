"""The site: pages and files made from validated content, independent of any front end.

Settings, URLs, the Jinja renderer and its pages, links both ways between
content (`siteindex`), the activity finder and the search page. Builds on
`overblik.content`; the overviews, open data and editor rooms build on this one.
"""
