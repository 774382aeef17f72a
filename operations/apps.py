from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """What operators and load balancers ask of the running portal: is it healthy?"""

    name = "operations"
    verbose_name = "Operación"
