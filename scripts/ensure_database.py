"""Creates the PostgreSQL database that DATABASE_URL names, unless it exists (`make scale-demo`).

Connects to the same server's maintenance database (`postgres`) as the same user.
"""

from __future__ import annotations

import os
import sys
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql


def ensure_database(url: str) -> bool:
    """True when the database had to be created."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if parts.scheme not in {"postgres", "postgresql", "pgsql"} or not name:
        raise SystemExit(f"DATABASE_URL no es una base de datos PostgreSQL: {parts.scheme}://…")
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True, connect_timeout=5) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if exists.fetchone():
            return False
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return True


def main() -> None:
    url = os.environ.get("DATABASE_URL", "")
    try:
        created = ensure_database(url)
    except psycopg.OperationalError as error:
        sys.exit(f"No se pudo conectar con PostgreSQL: {error}")
    name = urlsplit(url).path.lstrip("/")
    print(f"Base de datos {name}: {'creada' if created else 'ya existía'}.")


if __name__ == "__main__":
    main()
