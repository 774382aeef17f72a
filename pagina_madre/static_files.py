"""Static files as production serves them: compressed, named by their content, kept a year.

`collectstatic` (run by `make migrate`) writes each file under a name carrying a hash of
its content, with gzip and Brotli copies beside it (whitenoise's manifest storage; Brotli
needs the `brotli` package). Whitenoise then serves the smallest copy the browser accepts
and lets phones keep a hashed file a year without asking again: a new version is a new
name, so nobody keeps a stale one. Pages on a cheap phone's prepaid data pay for each
file once (issue 22, `benchmarks/bench_page_weight.py`).

A file missing from the manifest (a template naming a file that `collectstatic` did not
see: a deploy that skipped it, or a typo) does not take the page down: the page links the
file by its plain name, which whitenoise serves if it was collected, uncached, and the
error is logged with the file's name. A person looking for their voting place on election
day still gets it, perhaps less styled; the operators get the error.
"""

from __future__ import annotations

import logging
import re

from django.contrib.staticfiles.storage import ManifestStaticFilesStorage
from whitenoise.middleware import WhiteNoiseMiddleware
from whitenoise.storage import CompressedManifestStaticFilesStorage

logger = logging.getLogger(__name__)

# The longest freshness HTTP caches are asked to honour (RFC 9111's advice for "never
# expires"); whitenoise's own is ten years.
A_YEAR_S = 365 * 24 * 60 * 60
# Django's hashed names: the first 12 hex digits of the content's MD5 before the extension.
HASHED_NAME = re.compile(r"\.[0-9a-f]{12}\.[^./]+$")


def _without_source_maps(
    patterns: tuple[tuple[str, tuple], ...],
) -> tuple[tuple[str, tuple], ...]:
    return tuple(
        (
            extension,
            tuple(pattern for pattern in rewrites if "sourceMappingURL" not in str(pattern)),
        )
        for extension, rewrites in patterns
    )


class PortalStaticFilesStorage(CompressedManifestStaticFilesStorage):
    # The vendored files name source maps that are not shipped (nobody on a phone opens
    # DevTools); Django's storage would refuse to collect a file that names a missing one.
    patterns = _without_source_maps(ManifestStaticFilesStorage.patterns)

    def stored_name(self, name: str) -> str:
        try:
            return super().stored_name(name)
        except ValueError:
            logger.error(
                "Static file %r is not in the manifest: run collectstatic. Served by its "
                "plain name, uncached.",
                name,
            )
            return name


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    FOREVER = A_YEAR_S

    def immutable_file_test(self, path: str, url: str) -> bool:
        # Known by its name alone: whitenoise's own test asks the storage for the name
        # without the hash, which for `bootstrap.min.css` is a file that never existed
        # (`bootstrap.css`) and would log a false missing-file error for it.
        return bool(HASHED_NAME.search(url))
