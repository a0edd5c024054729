// Trunk post_build hook: makes dist/ deployable to any static host, under any
// sub-path, with no rewrite rules.
//
// A deep link such as https://example.org/handreiking/ontvangst is answered by
// the host itself: it redirects to ontvangst/ and serves ontvangst/index.html.
// That copy of index.html has <base href="../">, so every relative URL in it
// (the wasm, the script, the styles, links to other pages) resolves against the
// app's root, and the app reads its page from the part of the URL after the base.
//
// Only the <base> element differs between the copies: the inline loader script
// stays byte for byte the same, so one CSP hash covers every copy.
import { readFileSync, writeFileSync, mkdirSync, readdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { createHash } from "node:crypto";
import { minify } from "terser";

const here = dirname(fileURLToPath(import.meta.url));
const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error("postbuild: TRUNK_STAGING_DIR is not set (run this from trunk)");
  process.exit(1);
}

const routes = JSON.parse(readFileSync(join(here, "routes.json"), "utf8"));
let index = readFileSync(join(staging, "index.html"), "utf8");

// Trunk's own minifier cannot parse wasm-bindgen's JS glue; terser can. The
// file keeps its name (hashed from the unminified text, which changes
// whenever this does) and index.html gets its new integrity hash.
const sri = (bytes) => "sha384-" + createHash("sha384").update(bytes).digest("base64");
for (const file of readdirSync(staging).filter((f) => f.endsWith(".js"))) {
  const path = join(staging, file);
  const source = readFileSync(path, "utf8");
  const result = await minify(source, { module: true, ecma: 2020, compress: { passes: 2 }, mangle: true });
  if (!result.code) {
    console.error(`postbuild: terser gave no output for ${file}`);
    process.exit(1);
  }
  const before = sri(source);
  const after = sri(result.code);
  if (index.includes(before)) index = index.replaceAll(before, after);
  writeFileSync(path, result.code);
  console.log(`postbuild: minified ${file}: ${source.length} -> ${result.code.length} bytes`);
}
writeFileSync(join(staging, "index.html"), index);
// (The minifier may drop the quotes: <base href=./>.)
const basePattern = /<base href=(?:"\.\/"|\.\/)\s*\/?>/;
if (!basePattern.test(index)) {
  console.error('postbuild: index.html has no <base href="./"> (is public_url "./" in Trunk.toml?)');
  process.exit(1);
}

for (const route of routes) {
  if (!/^[a-z][a-z0-9-]*$/.test(route)) {
    console.error(`postbuild: bad route name ${JSON.stringify(route)}`);
    process.exit(1);
  }
  mkdirSync(join(staging, route), { recursive: true });
  writeFileSync(join(staging, route, "index.html"), index.replace(basePattern, '<base href="../">'));
}
console.log(`postbuild: wrote ${routes.length} route copies of index.html`);
