"""Models and migrations agree, on both databases."""

from tracker import migrate


def test_migrated_schema_matches_the_models(engine):
    assert migrate.is_current(engine)
    assert migrate.schema_differences(engine) == []
