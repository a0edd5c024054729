// Shared set-up for the end-to-end tests: the release dist/ served under a
// sub-path by scripts/static-server.mjs, driven in Debian's Chromium by
// playwright-core. Every page opened here fails its test on any request that
// leaves the app's own origin, and on any console error or uncaught exception.
import { chromium } from "playwright-core";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "../../scripts/static-server.mjs";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const DIST = join(ROOT, "dist");
export const PREFIX = "/handreiking/";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

export function launchBrowser(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
}

/** A persistent profile (needed for service workers across restarts, installability). */
export async function launchPersistent(extraArgs = []) {
  const dir = mkdtempSync(join(tmpdir(), "zichtbaar-profile-"));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
  const close = async () => {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { context, close };
}

/**
 * Starts the server and a browser. Returns helpers and a `problems` list that
 * collects foreign requests, console errors and page errors; `assertClean()`
 * throws when it is not empty.
 */
export async function startApp({ root = DIST, serverHeaders } = {}) {
  if (!existsSync(join(root, "index.html"))) {
    throw new Error(`${root}/index.html is missing: run ./dev build first`);
  }
  const server = await startServer({ root, prefix: PREFIX, headers: serverHeaders });
  const origin = new URL(server.url).origin;
  const browser = await launchBrowser();
  const problems = [];

  function watch(context) {
    context.on("request", (request) => {
      const url = request.url();
      if (url.startsWith("data:") || url.startsWith("blob:")) return;
      if (new URL(url).origin !== origin) problems.push(`request to another origin: ${url}`);
    });
    context.on("page", watchPage);
    return context;
  }

  function watchPage(page) {
    page.on("console", (msg) => {
      if (msg.type() === "error") problems.push(`console error on ${page.url()}: ${msg.text()}`);
    });
    page.on("pageerror", (err) => problems.push(`uncaught on ${page.url()}: ${err.message}`));
  }

  const app = {
    server,
    browser,
    origin,
    url: server.url,
    problems,
    async newContext(options = {}) {
      const context = await browser.newContext({ locale: "nl-NL", ...options });
      await reportCspViolations(context);
      // Anything for another origin is recorded above and never reaches the network.
      await context.route((url) => url.origin !== origin, (route) => route.abort());
      return watch(context);
    },
    async newPage(options = {}) {
      const context = await app.newContext(options);
      const page = await context.newPage();
      return page;
    },
    /** Throws on problems seen since the last call (and forgets them). */
    assertClean() {
      const seen = problems.splice(0, problems.length);
      if (seen.length) {
        throw new Error(`problems seen in the browser:\n  ${seen.join("\n  ")}`);
      }
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
  return app;
}

/** Any Content-Security-Policy violation becomes a console error (and so a failed test). */
export async function reportCspViolations(context) {
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"}`);
    });
  });
}

/** Waits until the Leptos app has rendered its main heading. */
export async function appReady(page) {
  await page.locator("main h1").first().waitFor({ state: "visible", timeout: 15000 });
}

/**
 * "Deploys" a new build: `server` serves a copy of `root` whose service
 * worker has another version (its first 8 hex digits, then `mark`, as
 * "bbbbbbbb"). Returns a function that serves `root` again and removes the copy.
 */
export function deployNewVersion(server, root, mark) {
  const dir = mkdtempSync(join(tmpdir(), "zichtbaar-next-build-"));
  cpSync(root, dir, { recursive: true });
  const sw = readFileSync(join(dir, "sw.js"), "utf8");
  const changed = sw.replace(/const VERSION = "([0-9a-f]+)";/, (_, v) => `const VERSION = "${v.slice(0, 8)}${mark}";`);
  if (changed === sw) throw new Error("sw.js has no VERSION to change");
  writeFileSync(join(dir, "sw.js"), changed);
  server.setRoot(dir);
  return () => {
    server.setRoot(root);
    rmSync(dir, { recursive: true, force: true });
  };
}
