"""Static files as production serves them (pagina_madre.static_files): collected by
`collectstatic`, each named by its content, sent compressed when the browser accepts it and
kept a year; and a file the manifest does not know never takes a page down.

The other tests serve the source folders as they are (tests/settings.py); these collect
once, with production's storage, into a folder of their own."""

from __future__ import annotations

import gzip
import json
import logging
import shutil
from collections.abc import Iterator
from pathlib import Path

import brotli
import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.test import Client, override_settings

from pagina_madre.settings.pages import STATICFILES_DIRS
from pagina_madre.settings.pages import STORAGES as PRODUCTION_STORAGES

STYLESHEET = "portal/css/portal.css"
SOURCE = Path(STATICFILES_DIRS[0]) / STYLESHEET


def production(static_root: Path) -> override_settings:
    return override_settings(
        STORAGES=PRODUCTION_STORAGES, STATIC_ROOT=static_root, WHITENOISE_USE_FINDERS=False
    )


@pytest.fixture(scope="module")
def collected(tmp_path_factory: pytest.TempPathFactory) -> Path:
    static_root = tmp_path_factory.mktemp("static")
    with production(static_root):
        call_command("collectstatic", interactive=False, verbosity=0)
    return static_root


@pytest.fixture
def static_root(collected: Path, tmp_path: Path) -> Iterator[Path]:
    """A copy of what collectstatic wrote, served as production serves it (a test may
    change it), by a client whose middleware is built under these settings."""
    root = tmp_path / "static"
    shutil.copytree(collected, root)
    with production(root):
        yield root


def test_a_collected_file_is_named_by_its_content_and_kept_a_year(static_root: Path):
    url = staticfiles_storage.url(STYLESHEET)

    response = Client().get(url)

    assert url != f"/static/{STYLESHEET}"
    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=31536000, public, immutable"


@pytest.mark.parametrize(
    ("encoding", "decompress"), [("br", brotli.decompress), ("gzip", gzip.decompress)]
)
def test_a_collected_file_goes_out_compressed_when_the_browser_accepts_it(
    static_root: Path, encoding: str, decompress
):
    response = Client().get(
        staticfiles_storage.url(STYLESHEET), HTTP_ACCEPT_ENCODING=f"{encoding}, identity"
    )

    assert response["Content-Encoding"] == encoding
    assert decompress(b"".join(response.streaming_content)) == SOURCE.read_bytes()


def test_a_file_under_its_plain_name_is_not_kept(static_root: Path):
    response = Client().get(f"/static/{STYLESHEET}")

    assert response.status_code == 200
    assert "immutable" not in response["Cache-Control"]


@pytest.mark.django_db
def test_a_file_missing_from_the_manifest_leaves_the_page_up_and_says_which(
    static_root: Path, caplog: pytest.LogCaptureFixture
):
    manifest = static_root / "staticfiles.json"
    entries = json.loads(manifest.read_text())
    del entries["paths"][STYLESHEET]
    manifest.write_text(json.dumps(entries))

    with caplog.at_level(logging.ERROR, logger="pagina_madre.static_files"):
        page = Client().get("/")

    assert page.status_code == 200
    assert f'href="/static/{STYLESHEET}"' in page.text
    assert Client().get(f"/static/{STYLESHEET}").status_code == 200
    [error] = caplog.records
    assert STYLESHEET in error.getMessage()
