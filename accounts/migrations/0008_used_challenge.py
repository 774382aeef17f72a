# Written by hand (Django 5.2): UsedChallenge only, as makemigrations would write it.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0007_policy_acceptance_ledger"),
    ]

    operations = [
        migrations.CreateModel(
            name="UsedChallenge",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("signature", models.CharField(max_length=128, unique=True)),
                ("expires_at", models.DateTimeField(db_index=True)),
            ],
        ),
    ]
