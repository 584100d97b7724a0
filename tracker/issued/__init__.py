"""Status reports issued for the record (kept as snapshots, byte for byte) and read over HTTP.

The report itself is built by the top-level `reports` package; this area renders it on request, issues it,
keeps it and serves it (`/reports` routes, `tracker report`).
"""
