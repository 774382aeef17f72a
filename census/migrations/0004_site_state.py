# The site state beside the breaker: CHANGED, the alarm of a page that changed shape,
# with when and what it lacked.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("census", "0003_not_enabled"),
    ]

    operations = [
        migrations.AddField(
            model_name="sourcestate",
            name="changed_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="la página cambió el"),
        ),
        migrations.AddField(
            model_name="sourcestate",
            name="changes_in_a_row",
            field=models.PositiveIntegerField(default=0, verbose_name="páginas cambiadas seguidas"),
        ),
        migrations.AddField(
            model_name="sourcestate",
            name="last_change",
            field=models.CharField(
                blank=True, max_length=300, verbose_name="qué faltaba en la página"
            ),
        ),
        migrations.AlterField(
            model_name="sourcestate",
            name="state",
            field=models.CharField(
                choices=[
                    ("closed", "Consultando con normalidad"),
                    ("open", "En pausa por bloqueos"),
                    ("probing", "Probando si el sitio responde"),
                    ("changed", "Detenido: la página de la Registraduría cambió"),
                ],
                default="closed",
                max_length=8,
                verbose_name="estado",
            ),
        ),
    ]
