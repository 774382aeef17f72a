// Builds the Bootstrap the portal ships, trimmed to what its pages use (issue 22: a cheap
// phone on prepaid data pays for every byte). Run by `make bootstrap`; the built files are
// committed, so running or testing the portal needs no Node.
//
//   bootstrap.portal.min.js   the alert and collapse plugins only (bootstrap-portal.js)
//   bootstrap.portal.min.css  Bootstrap's CSS less every selector no template, no Python
//                             file of ours or of django-bootstrap5, and no script names
//
// DJANGO_BOOTSTRAP5_DIR: where django-bootstrap5 is installed (the Makefile asks Python),
// whose templates and code write form classes (form-control, is-invalid…) of their own.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

import { build } from "esbuild";
import { PurgeCSS } from "purgecss";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const out = join(root, "pagina_madre", "static", "vendor", "bootstrap");
const bootstrap = join(here, "node_modules", "bootstrap");
const djangoBootstrap5 = process.env.DJANGO_BOOTSTRAP5_DIR;
if (!djangoBootstrap5) {
  throw new Error("DJANGO_BOOTSTRAP5_DIR is not set: run `make bootstrap`");
}
const { version } = JSON.parse(readFileSync(join(bootstrap, "package.json"), "utf8"));
const banner = `/*! Bootstrap v${version} (https://getbootstrap.com/), MIT license (LICENSE beside this file); trimmed for Pagina Madre by frontend/build.mjs */`;

const script = join(out, "bootstrap.portal.min.js");
await build({
  entryPoints: [join(here, "bootstrap-portal.js")],
  bundle: true,
  minify: true,
  format: "iife",
  target: "es2019",
  banner: { js: banner },
  legalComments: "none",
  outfile: script,
});

const apps = ["accounts", "census", "elections", "operations", "pagina_madre", "polling_places", "portal", "referrals"];
const [purged] = await new PurgeCSS().purge({
  css: [join(bootstrap, "dist", "css", "bootstrap.min.css")],
  content: [
    ...apps.flatMap((app) => [
      join(root, app, "**", "*.html"),
      join(root, app, "**", "*.py"),
      // Our scripts, not the vendored ones (pagina_madre/static/vendor, this build's output).
      join(root, app, "static", app === "pagina_madre" ? "portal" : "", "**", "*.js"),
    ]),
    join(djangoBootstrap5, "**", "*.html"),
    join(djangoBootstrap5, "**", "*.py"),
    // The classes the plugins toggle: collapsing, show, fade…
    script,
  ],
  // Built in templates from a variable: alert-{{ message.tags }}.
  safelist: { standard: [/^alert-/] },
  // The `:root` custom properties stay: components read them at run time.
  variables: false,
  keyframes: true,
  fontFace: true,
});
// Source maps are not shipped (pagina_madre.static_files); neither is the comment naming one.
const css = purged.css.replace(/\/\*# sourceMappingURL=.*?\*\//, "").replace(/^@charset "UTF-8";\/\*![\s\S]*?\*\//, "");
writeFileSync(join(out, "bootstrap.portal.min.css"), `@charset "UTF-8";${banner}\n${css.trim()}\n`);
for (const file of [script, join(out, "bootstrap.portal.min.css")]) {
  console.log(`${relative(root, file)}: ${readFileSync(file).length.toLocaleString("en")} bytes`);
}
