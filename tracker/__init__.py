"""The running service: settings, database, Litestar app, workflow, jobs, CLI."""
