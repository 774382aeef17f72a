"""The tables of the database caches in settings.CACHES (the rate limits' counts when
REDIS_URL is unset), made by `migrate` so that no deployment goes without them.

Forwards, Django's own `createcachetable` makes them, for the database being migrated: the
same table whatever the backend, skipped where one exists already (a database where it ran
by hand migrates cleanly) or where the router keeps the cache elsewhere. Not CreateModel:
a cache table is no model, and the migration state would gain one nobody has. Not SQL of
our own: it would copy what `createcachetable` decides per backend (column types, the
index on the expiry) and drift from the table Django's cache expects. Backwards, each
table is dropped with the schema editor's own statement: only counts are lost, and they
start afresh.

Like `createcachetable`, this reads the settings of the day, not a frozen state: a
database migrated while Redis was the cache gets no table (`manage.py check --deploy
--database default` says so).
"""

from django.core.cache import caches
from django.core.cache.backends.db import BaseDatabaseCache
from django.core.management import call_command
from django.db import migrations, router


def create_cache_tables(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


def drop_cache_tables(apps, schema_editor):
    connection = schema_editor.connection
    tables = {
        cache._table
        for cache in caches.all()
        if isinstance(cache, BaseDatabaseCache)
        and router.allow_migrate_model(connection.alias, cache.cache_model_class)
    }
    for table in tables.intersection(connection.introspection.table_names()):
        quoted = schema_editor.quote_name(table)
        schema_editor.execute(schema_editor.sql_delete_table % {"table": quoted})


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [migrations.RunPython(create_cache_tables, drop_cache_tables)]
