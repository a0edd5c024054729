// Trunk post_build hook: makes dist/ deployable to any static host, under any
// sub-path, with no rewrite rules, offline-capable and under a strict CSP.
// Runs in Trunk's staging folder (TRUNK_STAGING_DIR), in this order:
//
// 1. Minify wasm-bindgen's JS glue with terser (Trunk's own minifier cannot
//    parse it) and put its new SRI hash in index.html.
// 2. Add the Content-Security-Policy meta tag. Trunk's wasm loader is an
//    inline module script, so its sha256 goes in script-src; instantiating
//    the wasm needs 'wasm-unsafe-eval'. Nothing else is allowed beyond 'self'.
// 3. Copy index.html into a folder per page (routes.json) with
//    <base href="../">: a deep link such as .../handreiking/ontvangst is then
//    answered by the host itself (it redirects to .../ontvangst/ and serves
//    that folder's index.html), and every relative URL resolves against the
//    app's root. Only the <base> differs (and, for verzamelen/, the bundle).
// 4. Write _headers (Netlify / Cloudflare Pages format) with the same CSP and
//    the other security and cache headers (see docs/deploy.md).
// 5. Write sw.js from scripts/sw-template.js with the list of every file of
//    this build and a version derived from their contents.
//
// Two bundles: /verzamelen (only the SWV loads it) has a wasm of its own, so
// the teacher's bundle stays small. ./dev build first builds verzamelen.html
// with ZB_PART=verzamelen into target/dist-verzamelen: then this hook only
// minifies its JS glue and notes its loader's hash. The main build then takes
// its wasm, JS and index.html into dist/ (the verzamelen/ folder gets that
// index.html), and one CSP with both loaders' hashes covers every page.
import { readFileSync, writeFileSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { join, dirname, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { createHash } from "node:crypto";
import { minify } from "terser";

const here = dirname(fileURLToPath(import.meta.url));
const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error("postbuild: TRUNK_STAGING_DIR is not set (run this from trunk)");
  process.exit(1);
}
const fail = (message) => {
  console.error(`postbuild: ${message}`);
  process.exit(1);
};
const hash = (algorithm, bytes, encoding = "base64") => createHash(algorithm).update(bytes).digest(encoding);

const routes = JSON.parse(readFileSync(join(here, "routes.json"), "utf8"));
let index = readFileSync(join(staging, "index.html"), "utf8");

// 1. The JS glue.
for (const file of readdirSync(staging).filter((f) => f.endsWith(".js"))) {
  const path = join(staging, file);
  const source = readFileSync(path, "utf8");
  const result = await minify(source, { module: true, ecma: 2020, compress: { passes: 2 }, mangle: true });
  if (!result.code) fail(`terser gave no output for ${file}`);
  const before = `sha384-${hash("sha384", source)}`;
  if (index.includes(before)) index = index.replaceAll(before, `sha384-${hash("sha384", result.code)}`);
  writeFileSync(path, result.code);
  console.log(`postbuild: minified ${file}: ${source.length} -> ${result.code.length} bytes`);
}

// 2. The Content-Security-Policy.
const loaderOf = (html) => {
  const inline = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).filter((s) => s.trim());
  if (inline.length !== 1) fail(`expected one inline script (Trunk's loader), found ${inline.length}`);
  return `'sha256-${hash("sha256", inline[0])}'`;
};
if (process.env.ZB_PART === "verzamelen") {
  // The collection view's bundle: the main build takes it from here.
  writeFileSync(join(staging, "index.html"), index);
  console.log("postbuild: verzamelen bundle ready for the main build");
  process.exit(0);
}
const part = join(here, "..", "target", "dist-verzamelen");
let partIndex = readFileSync(join(part, "index.html"), "utf8");
// Its wasm and JS, and the styles only it loads (style/verzamelen.css).
for (const file of readdirSync(part).filter((f) => /^zichtbaar-verzamelen-.*\.(js|wasm)$|^verzamelen-[0-9a-f]+\.css$/.test(f))) {
  writeFileSync(join(staging, file), readFileSync(join(part, file)));
}
const loaderHash = `${loaderOf(index)} ${loaderOf(partIndex)}`;
const csp = [
  "default-src 'self'",
  `script-src 'self' ${loaderHash} 'wasm-unsafe-eval'`,
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join("; ");
const charset = /<meta charset=["']?utf-8["']?\s*\/?>/i;
if (!charset.test(index)) fail("index.html has no <meta charset=utf-8>");
const withCsp = (html) => html.replace(charset, (m) => `${m}<meta http-equiv="Content-Security-Policy" content="${csp}">`);
index = withCsp(index);
partIndex = withCsp(partIndex);
writeFileSync(join(staging, "index.html"), index);

// 3. A copy per page. (The minifier may drop the quotes: <base href=./>.)
const basePattern = /<base href=(?:"\.\/"|\.\/)\s*\/?>/;
if (!basePattern.test(index)) fail('index.html has no <base href="./"> (is public_url "./" in Trunk.toml?)');
for (const route of routes) {
  if (!/^[a-z][a-z0-9-]*$/.test(route)) fail(`bad route name ${JSON.stringify(route)}`);
  mkdirSync(join(staging, route), { recursive: true });
  // The second bundle has /verzamelen, /privacy and /delen (src/pages/mod.rs, IN_SECOND).
  const page = ["verzamelen", "privacy", "delen"].includes(route) ? partIndex : index;
  if (!basePattern.test(page)) fail(`the ${route} page has no <base href="./">`);
  writeFileSync(join(staging, route, "index.html"), page.replace(basePattern, '<base href="../">'));
}
console.log(`postbuild: wrote ${routes.length} route copies of index.html`);

// 4. Headers for hosts that read a _headers file.
const headers = `# Written by scripts/postbuild.mjs for this build. Netlify / Cloudflare Pages
# format, for an app served at the root of its site; see docs/deploy.md for
# nginx, Apache and sub-paths.
/*
  Content-Security-Policy: ${csp}; frame-ancestors 'none'
  X-Content-Type-Options: nosniff
  Referrer-Policy: no-referrer
  Permissions-Policy: camera=(), microphone=(), geolocation=(), payment=(), usb=()
  Cross-Origin-Opener-Policy: same-origin
  X-Frame-Options: DENY
  Cache-Control: no-cache
/sw.js
  Cache-Control: no-cache
/*.wasm
  Cache-Control: public, max-age=31536000, immutable
/zichtbaar-*.js
  Cache-Control: public, max-age=31536000, immutable
/*.css
  Cache-Control: public, max-age=31536000, immutable
`;
writeFileSync(join(staging, "_headers"), headers);

// 5. The service worker, with every file of this build.
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else files.push(relative(staging, path).split(sep).join("/"));
  }
};
walk(staging);
const precache = files
  .filter((f) => f !== "sw.js" && f !== "_headers")
  .map((f) => (f === "index.html" ? "./" : f.endsWith("/index.html") ? f.slice(0, -"index.html".length) : f))
  .sort();
// The version changes whenever any file does, so browsers see a new sw.js.
const version = hash(
  "sha256",
  files.sort().map((f) => `${f}:${hash("sha256", readFileSync(join(staging, f)))}`).join("\n"),
  "hex",
).slice(0, 16);
const template = readFileSync(join(here, "sw-template.js"), "utf8");
const sw = template
  .replace('"%VERSION%"', JSON.stringify(version))
  .replace("%FILES%", JSON.stringify(precache))
  .replace("%ROUTES%", JSON.stringify(routes));
if (sw.includes("%")) fail("sw-template.js has a placeholder that was not filled in");
writeFileSync(join(staging, "sw.js"), sw);
console.log(`postbuild: sw.js version ${version}, ${precache.length} files`);
