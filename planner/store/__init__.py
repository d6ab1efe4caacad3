"""The only package that talks to SQLite: ORM rows, the plan file, migrations, queries."""
