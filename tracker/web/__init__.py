"""Server-rendered pages for people (Jinja2 + htmx, Det Fælles Designsystem) on the same services as the API.

See docs/web.md for how the pages are built and how to add one.
"""
