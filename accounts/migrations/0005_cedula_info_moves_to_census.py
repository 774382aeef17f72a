# The census lookup moved to its own app (census); its table stays where it is, so this
# only forgets the model here: census.0001_initial takes it over without touching a row.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0004_cedula_info_source'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='CedulaInfo')],
            database_operations=[],
        ),
    ]
