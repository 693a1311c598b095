"""SQLAlchemy models, the engine factory, migrations, backup and import/export."""
