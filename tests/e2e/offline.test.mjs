// Offline-first: after one visit the app works with no network at all, a
// new deployment is offered without losing anything typed, and the app is
// installable from its sub-path.
import { createHash } from "node:crypto";
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startApp, appReady, launchPersistent, DIST, reportCspViolations, deployNewVersion } from "./support.mjs";
import { ReflectiePage, freezeClock, storedRecords, download, plain } from "./pages.mjs";

let app;
let buildA;
before(async () => {
  // Serve a copy of the build, so a "new deployment" can replace it.
  buildA = mkdtempSync(join(tmpdir(), "zichtbaar-build-a-"));
  cpSync(DIST, buildA, { recursive: true });
  app = await startApp({ root: buildA });
});
after(async () => {
  await app?.close();
  rmSync(buildA, { recursive: true, force: true });
});

/** Waits until a service worker controls the page. */
async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 15000 });
}

const PAGES = [
  ["", /Passend onderwijs zichtbaar maken/],
  ["reflectie", /Ondersteuningsstructuur op school/],
  ["ontvangst", /Ontvangst van de handreiking bevestigen/],
  ["verzamelen", /Gedeelde reflecties lezen/],
  ["privacy", /Privacy en opslag/],
];

test("after one visit every page opens offline by deep link, with and without its slash, answers included", async () => {
  const context = await app.newContext();
  await freezeClock(context);
  const page = await context.newPage();
  const r = new ReflectiePage(page, app.url);
  await r.open();
  await r.textbox("Hoe gaan we dat aanpakken?").fill("Offline verder");
  await r.waitSaved();
  await controlled(page);
  // No update banner on the very first install.
  await page.waitForTimeout(500);
  assert.equal(await page.locator("#zb-update").count(), 0);

  await context.setOffline(true);
  for (const [path, heading] of PAGES) {
    for (const link of path ? [path, `${path}/`] : [""]) {
      await page.goto(app.url + link);
      await appReady(page);
      assert.match(await page.locator("main h1").innerText().then(plain), heading, link);
      assert.equal(page.url(), path ? `${app.url}${path}/` : app.url, `${link} did not end at the folder`);
    }
  }
  await page.goto(`${app.url}reflectie/?onderdeel=onderwijsbehoeften-centraal`);
  await appReady(page);
  assert.equal(await r.textbox("Hoe gaan we dat aanpakken?").inputValue(), "Offline verder");
  // Typing offline is saved just the same.
  await r.textbox("Hoe gaan we dat aanpakken?").fill("Offline verder, en nog meer");
  await page.reload();
  await appReady(page);
  assert.equal(await r.textbox("Hoe gaan we dat aanpakken?").inputValue(), "Offline verder, en nog meer");
  await context.close();
  app.assertClean();
});

test("a new deployment is offered in a banner, and applying it loses nothing typed", async () => {
  const context = await app.newContext();
  await freezeClock(context);
  const page = await context.newPage();
  const r = new ReflectiePage(page, app.url);
  await r.open();
  await controlled(page);
  const [oldCache] = await page.evaluate(() => caches.keys());

  const undeploy = deployNewVersion(app.server, buildA, "bbbbbbbb");
  try {
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((reg) => reg.update()));
    const banner = page.locator("#zb-update");
    await banner.waitFor({ timeout: 15000 });
    assert.equal(await banner.getAttribute("role"), "status");
    assert.match(await banner.innerText().then(plain), /Nieuwe versie beschikbaar/);
    // The banner does not block: typing goes on, and is not yet saved when applying.
    await r.textbox("Hoe gaan we dat aanpakken?").pressSequentially("Net getypt", { delay: 5 });
    await Promise.all([
      page.waitForEvent("load"),
      banner.getByRole("button", { name: "Herladen" }).click(),
    ]);
    await appReady(page);
    assert.equal(await r.textbox("Hoe gaan we dat aanpakken?").inputValue(), "Net getypt");
    const caches = await page.evaluate(() => caches.keys());
    assert.equal(caches.length, 1, "old caches are removed");
    assert.notEqual(caches[0], oldCache);
    assert.match(caches[0], /bbbbbbbb$/);
  } finally {
    undeploy();
  }
  await context.close();
  app.assertClean();
});

test("the service worker caches only this app's own files", async () => {
  const context = await app.newContext();
  const page = await context.newPage();
  await page.goto(app.url);
  await appReady(page);
  await controlled(page);
  const cached = await page.evaluate(async () => {
    const names = await caches.keys();
    const cache = await caches.open(names[0]);
    return (await cache.keys()).map((r) => r.url);
  });
  for (const url of cached) assert.ok(url.startsWith(app.url), `cached ${url}`);
  for (const file of ["", "reflectie/", "ontvangst/", "verzamelen/", "privacy/", "manifest.webmanifest", "icon-512.png"]) {
    assert.ok(cached.includes(app.url + file), `${file || "./"} is not precached`);
  }
  assert.ok(cached.some((u) => u.endsWith("_bg.wasm")) && cached.some((u) => u.endsWith(".css")));
  assert.ok(!cached.some((u) => u.endsWith("/sw.js") || u.endsWith("/_headers")));
  await context.close();
  app.assertClean();
});

test("the app is installable from its sub-path (Chromium's own check, persistent profile)", async () => {
  const { context, close } = await launchPersistent();
  try {
    await reportCspViolations(context);
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(app.url + "ontvangst/");
    await appReady(page);
    await controlled(page);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    assert.deepEqual(installabilityErrors, []);
    const manifest = await cdp.send("Page.getAppManifest");
    const parsed = JSON.parse(manifest.data);
    assert.equal(new URL(parsed.start_url, manifest.url).href, app.url);
    assert.equal(new URL(parsed.scope, manifest.url).href, app.url);
  } finally {
    await close();
  }
});

test("the privacy page tells whether storage is kept, how much is used, and backs up everything", async () => {
  const context = await app.newContext();
  await freezeClock(context);
  const page = await context.newPage();
  const r = new ReflectiePage(page, app.url);
  await r.open();
  await r.textbox("Hoe gaan we dat aanpakken?").fill("Voor de reservekopie");
  await r.waitSaved();
  await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Privacy en opslag" }).click();
  await page.waitForFunction(() => !document.getElementById("zb-storage-persisted")?.textContent.includes("opgevraagd"));
  assert.equal(await page.locator("#zb-storage-records").innerText().then(plain), "1");
  assert.match(await page.locator("#zb-storage-usage").innerText().then(plain), /^\d+ (bytes|kB|MB)$/);
  assert.match(await page.locator("#zb-storage-persisted").innerText().then(plain), /^(Ja|Nee|Onbekend)/);
  const { name, text } = await download(page, () =>
    page.getByRole("button", { name: "Reservekopie van alles downloaden" }).click(),
  );
  assert.equal(name, "zichtbaar-reservekopie-2026-11-23.json");
  const backup = JSON.parse(text);
  assert.equal(backup.records.length, 1);
  assert.deepEqual(backup.records[0], (await storedRecords(page))[0]);
  await context.close();
  app.assertClean();
});

test("every copy of the page carries the same Content-Security-Policy, with the loader's hash", async () => {
  const pages = ["index.html", "reflectie/index.html", "ontvangst/index.html", "verzamelen/index.html", "privacy/index.html"];
  const policies = pages.map((p) => readFileSync(join(buildA, p), "utf8").match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1]);
  assert.ok(policies[0], "no CSP meta tag");
  for (const p of policies) assert.equal(p, policies[0]);
  assert.match(policies[0], /default-src 'self'/);
  assert.match(policies[0], /script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+ 'wasm-unsafe-eval'/);
  // Each page's own loader (the teacher's bundle, or /verzamelen's) is allowed by its hash.
  for (const p of pages) {
    const html = readFileSync(join(buildA, p), "utf8");
    const loader = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).filter((s) => s.trim());
    assert.equal(loader.length, 1, `${p}: one inline loader`);
    const digest = createHash("sha256").update(loader[0]).digest("base64");
    assert.ok(policies[0].includes(`'sha256-${digest}'`), `${p}: its loader's hash is not in the policy`);
  }
  assert.match(policies[0], /connect-src 'self'/);
  assert.doesNotMatch(policies[0], /'unsafe-inline'|'unsafe-eval'|\*/);
  const headers = readFileSync(join(buildA, "_headers"), "utf8");
  assert.ok(headers.includes(policies[0]), "_headers carries another policy");
  assert.match(headers, /\/sw\.js\n  Cache-Control: no-cache/);
});
