"""The action plan as data: SQLModel tables, the built-in plan, pure rules. Knows nothing of HTTP."""
