"""The data-processing policy (Ley 1581 de 2012) people accept when registering."""

# Bump when the text of templates/accounts/politica_de_datos.html changes in substance,
# and say in CHANGES what changed: whoever accepted an older version is asked to accept
# the new one (accounts.privacy.gate) before anything new is done with their data.
POLICY_VERSION = "2026-12-04"

# What each version changed, in the words the acceptance page shows.
CHANGES: dict[str, tuple[str, ...]] = {
    "2026-12-04": (
        "Sin tu autorización, quien te invitó ya no ve el resultado de tu consulta del "
        "censo, solo en qué va; con ella ve tu lugar de votación, o si no apareces en el "
        "censo, tu cédula está cancelada o no tienes derecho a votar.",
        "Si la Registraduría dice que tu cédula está vigente pero no puedes votar, lo "
        "tratamos como un dato sensible.",
    ),
    "2026-12": (
        "Decimos qué hacemos con los datos de quien te invitó y de las personas que "
        "invitas, y que tu lugar de votación solo lo ve quien te invitó si lo autorizas.",
        "Decimos cuánto tiempo guardamos cada dato, incluidas las copias de las respuestas "
        "de la Registraduría.",
        "Explicamos cómo ver, descargar, corregir y eliminar tus datos desde tu cuenta, y en "
        "cuántos días hábiles respondemos consultas y reclamos.",
    ),
}


def current_version() -> str:
    """The version in force, read when asked (tests change it)."""
    return POLICY_VERSION


def changes_since(version: str | None) -> list[str]:
    """What changed in the versions after ``version`` (all of them when None), oldest first.
    Versions are dated ("AAAA-MM"), so they sort as they were published."""
    return [
        change
        for published, changes in sorted(CHANGES.items())
        if version is None or published > version
        for change in changes
    ]
