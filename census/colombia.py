"""Official Colombian names the census report form offers, written as people read them."""

from __future__ import annotations

# The 32 departments and the capital district, alphabetically, then voters abroad.
DEPARTAMENTOS: tuple[str, ...] = (
    "Amazonas",
    "Antioquia",
    "Arauca",
    "Atlántico",
    "Bogotá D.C.",
    "Bolívar",
    "Boyacá",
    "Caldas",
    "Caquetá",
    "Casanare",
    "Cauca",
    "Cesar",
    "Chocó",
    "Córdoba",
    "Cundinamarca",
    "Guainía",
    "Guaviare",
    "Huila",
    "La Guajira",
    "Magdalena",
    "Meta",
    "Nariño",
    "Norte de Santander",
    "Putumayo",
    "Quindío",
    "Risaralda",
    "San Andrés, Providencia y Santa Catalina",
    "Santander",
    "Sucre",
    "Tolima",
    "Valle del Cauca",
    "Vaupés",
    "Vichada",
    "Exterior",
)

# What the Registraduría writes about a cancelled cédula (its "novedades"); suggestions
# only, since the wording varies and is kept as the person reads it.
NOVEDADES: tuple[str, ...] = (
    "Cancelada por Muerte",
    "Cancelada por Doble Cedulación",
    "Cancelada por Suplantación",
    "Cancelada por Menoría de Edad",
    "Cancelada por Extranjería",
    "Cancelada por Mala Elaboración",
    "Cancelada con reasignación de cupo numérico",
    "Cancelada por Extranjería sin Carta de Naturaleza",
    "Cancelada por Muerte Facultad Ley",
    "Baja por Pérdida o Suspensión de los Derechos Políticos",
)
