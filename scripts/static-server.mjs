// A small static file server that behaves like nginx, Apache or GitHub Pages
// do for a folder of files, so that what works here works on a real host:
//
// - the app is served under a sub-path (default /handreiking/), nothing above it;
// - a folder URL without its slash is answered with a 301 to the slash form;
// - a folder URL with its slash is answered with the folder's index.html;
// - anything else that is not a file is a 404 (no single-page fallback);
// - a client that accepts gzip gets every file but images gzip-compressed
//   (Content-Encoding: gzip, level 9, compressed once per file version), as
//   hosts that compress or serve precompressed files do.
//
// Used by `./dev serve` and by the end-to-end tests. Not part of the app.
//
//   node scripts/static-server.mjs [--root dist] [--prefix /handreiking/] [--port 8080] [--host 127.0.0.1]
import { createServer } from "node:http";
import { createReadStream, readFileSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join, normalize, extname, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};

// Already compressed: sent as they are.
const UNCOMPRESSED = new Set([".png", ".ico"]);

function statOrNull(path) {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/**
 * Starts the server. Resolves to { server, url, close(), requests } where url is
 * the app's address (ending in the prefix) and requests lists every path asked for.
 * `headers` may be a function (relativePath) => object of extra response headers.
 * `gzip: false` never compresses.
 */
export function startServer({ root = "dist", prefix = "/handreiking/", port = 0, host = "127.0.0.1", headers, gzip = true, probe } = {}) {
  let rootDir = resolve(root);
  if (!prefix.startsWith("/") || !prefix.endsWith("/")) {
    throw new Error(`prefix must start and end with '/': ${prefix}`);
  }
  const requests = [];
  // Every response with a body (for the benchmark): path, file, the file's
  // size, the bytes of the body as sent (compressed or not), its encoding,
  // and when the request came in (Date.now()).
  const sent = [];
  const compressed = new Map(); // file -> { etag, body }
  // Tests only: `probe` is { script, reports } (see tests/e2e/engines/probe.js).
  // The script is served at /__probe.js, outside the app's path (so the
  // service worker never sees it), and loaded first by every page served;
  // what it posts to /__probe is pushed onto `reports`.
  const probeTag = '<script src="/__probe.js"></script>';
  let offline = false;
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://localhost");
    requests.push(url.pathname);
    const send = (status, body, extra = {}) => {
      res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", ...extra });
      res.end(body);
    };
    if (probe && url.pathname === "/__probe.js") {
      return send(200, probe.script, { "Content-Type": TYPES[".js"], "Cache-Control": "no-store" });
    }
    if (probe && url.pathname === "/__probe" && req.method === "POST") {
      let body = "";
      req.setEncoding("utf8");
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        probe.reports.push(body);
        send(204, "");
      });
      return;
    }
    // "Offline": the app's own files are not answered at all, as when the
    // network is gone (the connection is dropped, so fetch() fails).
    if (offline) {
      req.socket.destroy();
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      return send(405, "method not allowed", { Allow: "GET, HEAD" });
    }
    let pathname;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return send(400, "bad request");
    }
    if (pathname + "/" === prefix) {
      return send(301, "", { Location: prefix + url.search });
    }
    if (!pathname.startsWith(prefix)) {
      return send(404, "not found");
    }
    const relative = pathname.slice(prefix.length);
    let file = normalize(join(rootDir, relative));
    if (file !== rootDir && !file.startsWith(rootDir + sep)) {
      return send(404, "not found");
    }
    let stat = statOrNull(file);
    if (stat && stat.isDirectory()) {
      if (!pathname.endsWith("/")) {
        return send(301, "", { Location: pathname + "/" + url.search });
      }
      file = join(file, "index.html");
      stat = statOrNull(file);
    }
    if (!stat || !stat.isFile()) {
      return send(404, "not found");
    }
    const type = TYPES[extname(file)] ?? "application/octet-stream";
    const extra = typeof headers === "function" ? headers(relative) ?? {} : {};
    // Like every static host: an ETag, and 304 when the client has it.
    const etag = `W/"${stat.size}-${Math.floor(stat.mtimeMs)}"`;
    const common = { ETag: etag, "Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff", ...extra };
    if (req.headers["if-none-match"] === etag) {
      res.writeHead(304, common);
      return res.end();
    }
    const at = Date.now();
    if (probe && extname(file) === ".html") {
      const html = readFileSync(file, "utf8").replace(/<head>/, `<head>${probeTag}`);
      res.writeHead(200, { "Content-Type": type, ...common, ETag: `${etag.slice(0, -1)}-probe"` });
      return res.end(req.method === "HEAD" ? undefined : html);
    }
    if (gzip && !UNCOMPRESSED.has(extname(file)) && /\bgzip\b/.test(req.headers["accept-encoding"] ?? "")) {
      let cached = compressed.get(file);
      if (!cached || cached.etag !== etag) {
        cached = { etag, body: gzipSync(readFileSync(file), { level: 9 }) };
        compressed.set(file, cached);
      }
      res.writeHead(200, {
        "Content-Type": type,
        "Content-Encoding": "gzip",
        "Content-Length": cached.body.length,
        Vary: "Accept-Encoding",
        ...common,
      });
      if (req.method === "HEAD") return res.end();
      sent.push({ path: url.pathname, file, bytes: stat.size, transferred: cached.body.length, encoding: "gzip", at });
      return res.end(cached.body);
    }
    res.writeHead(200, { "Content-Type": type, "Content-Length": stat.size, Vary: "Accept-Encoding", ...common });
    if (req.method === "HEAD") return res.end();
    sent.push({ path: url.pathname, file, bytes: stat.size, transferred: stat.size, encoding: "identity", at });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolvePromise({
        server,
        requests,
        sent,
        url: `http://${host}:${address.port}${prefix}`,
        /** Serves another folder from now on: "deploys" a new build. */
        setRoot: (dir) => {
          rootDir = resolve(dir);
        },
        /** Stops (true) or resumes (false) answering for the app's files. */
        setOffline: (value) => {
          offline = value;
        },
        close: () =>
          new Promise((r) => {
            server.closeAllConnections?.();
            server.close(() => r());
          }),
      });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
  };
  const root = option("root", "dist");
  if (!statOrNull(join(root, "index.html"))) {
    console.error(`static-server: ${root}/index.html not found; build first (./dev build)`);
    process.exit(1);
  }
  const { url } = await startServer({
    root,
    prefix: option("prefix", "/handreiking/"),
    port: Number(option("port", "8080")),
    host: option("host", "127.0.0.1"),
  });
  console.log(`Zichtbaar draait op ${url}  (stoppen: Ctrl+C)`);
}
