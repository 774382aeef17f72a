"""The data-processing policy (Ley 1581 de 2012) people accept when registering."""

# Bump when the text of templates/accounts/politica_de_datos.html changes in substance:
# each account keeps the version it accepted.
POLICY_VERSION = "2026-11"
