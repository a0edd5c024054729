// Every page loads by deep link under a sub-path, with and without the
// trailing slash, the way a link in an e-mail opens it; links inside the app
// move between pages without a reload; nothing leaves the app's origin.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { startApp, appReady, PREFIX } from "./support.mjs";
import { plain } from "./pages.mjs";

const PAGES = [
  { path: "", heading: /zichtbaar/i, title: "Start - Zichtbaar" },
  { path: "reflectie", heading: /ondersteuningsstructuur op school/i, title: "Reflectie - Zichtbaar" },
  { path: "ontvangst", heading: /ontvangst/i, title: "Ontvangst bevestigen - Zichtbaar" },
  { path: "verzamelen", heading: /gedeelde reflecties/i, title: "Gedeelde reflecties - Zichtbaar" },
  { path: "privacy", heading: /privacy/i, title: "Privacy en opslag - Zichtbaar" },
  // In the footer, not in the menu.
  { path: "toegankelijkheid", heading: /toegankelijkheid/i, title: "Toegankelijkheid - Zichtbaar", menu: false },
];

let app;
before(async () => {
  app = await startApp();
});
after(async () => {
  await app?.close();
});

for (const { path, heading, title, menu = true } of PAGES) {
  for (const slash of path ? ["", "/"] : [""]) {
    const link = `${path}${slash}`;
    test(`deep link ${PREFIX}${link} opens its page`, async () => {
      const page = await app.newPage();
      const response = await page.goto(app.url + link);
      assert.equal(response.status(), 200);
      await appReady(page);
      assert.match(await page.locator("main h1").innerText().then(plain), heading);
      assert.equal(await page.title(), title);
      // A slashless deep link is redirected by the host to the folder form.
      const expected = path ? `${app.url}${path}/` : app.url;
      assert.equal(page.url(), expected);
      if (path && menu) {
        const current = page.locator('nav a[aria-current="page"]');
        assert.equal(await current.getAttribute("href"), `${path}/`);
      }
      await page.context().close();
      app.assertClean();
    });
  }
}

test("the app's root answers without its trailing slash too", async () => {
  const page = await app.newPage();
  await page.goto(app.url.replace(/\/$/, ""));
  await appReady(page);
  assert.equal(page.url(), app.url);
  await page.context().close();
  app.assertClean();
});

test("an unknown address under the app is a 404 from the host, as on any static host", async () => {
  const page = await app.newPage();
  const response = await page.goto(app.url + "bestaat-niet/");
  assert.equal(response.status(), 404);
  await page.context().close();
  // Chromium logs the 404 as a console error (Firefox does not); that one is expected.
  const expected = app.problems.filter((p) => p.includes("bestaat-niet") && p.includes("404"));
  assert.ok(expected.length <= 1, expected.join("\n"));
  app.problems.splice(0, app.problems.length, ...app.problems.filter((p) => !expected.includes(p)));
  app.assertClean();
});

test("menu links move between pages without reloading, and back works", async () => {
  const page = await app.newPage();
  await page.goto(app.url + "ontvangst/");
  await appReady(page);
  // The service worker's first install fetches every file; that is not the navigation's.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.waitForLoadState("networkidle");
  const before = app.server.requests.length;
  await page.evaluate(() => (window.__sameDocument = true));

  // (Reflectie, not /privacy or /verzamelen: those two are in the second
  // bundle, and a link to them loads that page.)
  await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Reflectie", exact: true }).click();
  await page.waitForURL(app.url + "reflectie/");
  assert.match(await page.locator("main h1").innerText().then(plain), /Ondersteuningsstructuur op school/);
  // Focus moves to the new page's heading for keyboard and screen-reader users.
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), "H1");
  assert.equal(await page.evaluate(() => window.__sameDocument), true, "page was reloaded");
  // Only the browser's own favicon refresh may follow a history change.
  const fetched = app.server.requests.slice(before).filter((p) => !p.endsWith("/icon.svg"));
  assert.deepEqual(fetched, [], "navigation fetched from the server");

  await page.goBack();
  await page.waitForURL(app.url + "ontvangst/");
  assert.match(await page.locator("main h1").innerText().then(plain), /ontvangst/i);

  await page.getByRole("link", { name: "Zichtbaar", exact: true }).click();
  await page.waitForURL(app.url);
  assert.match(await page.locator("main h1").innerText().then(plain), /zichtbaar/i);
  await page.context().close();
  app.assertClean();
});

test("every page can be reached with the keyboard alone", async () => {
  const page = await app.newPage();
  await page.goto(app.url);
  await appReady(page);
  // The first Tab reaches the skip link, which is visible when focused.
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Naar de inhoud" });
  assert.equal(await skip.evaluate((el) => el === document.activeElement), true);
  assert.ok((await skip.boundingBox()).y >= 0, "skip link stays off screen when focused");

  for (const { path, heading } of PAGES.slice(1)) {
    // Focus is on the current page's heading (or the skip link): the menu is
    // before it, so search forwards a little, then backwards. The footer's
    // link (the accessibility statement) is after the page: search forwards.
    const where = PAGES.find((p) => p.path === path).menu === false ? "footer" : "nav";
    let found = false;
    for (const [key, times] of [["Tab", where === "nav" ? 8 : 60], ["Shift+Tab", 24]]) {
      for (let i = 0; i < times && !found; i++) {
        await page.keyboard.press(key);
        found = await page.evaluate(
          ([href, where]) => !!document.activeElement?.closest(where) && document.activeElement.getAttribute("href") === href,
          [`${path}/`, where],
        );
      }
    }
    assert.ok(found, `${where} link to ${path} not reachable by Tab`);
    await page.keyboard.press("Enter");
    await page.waitForURL(`${app.url}${path}/`);
    assert.match(await page.locator("main h1").innerText().then(plain), heading);
  }
  await page.context().close();
  app.assertClean();
});

test("the menu and the footer of the built page link to every page folder the build made, by the page's own name", async () => {
  const folders = JSON.parse(await readFile(new URL("../../scripts/routes.json", import.meta.url), "utf8"));
  const page = await app.newPage();
  await page.goto(app.url);
  await appReady(page);
  const nav = page.getByRole("navigation", { name: "Hoofdmenu" });
  const footer = page.getByRole("contentinfo");
  const links = await nav.getByRole("link").evaluateAll((as) => as.map((a) => ({ href: a.href, name: a.textContent })));
  // The menu's pages first, in order; the accessibility statement is in the footer only.
  const inFooter = (await footer.getByRole("link").evaluateAll((as) => as.map((a) => ({ href: a.href, name: a.textContent }))))
    .filter((f) => !links.some((l) => l.href === f.href));
  assert.deepEqual(
    [...links, ...inFooter].map((l) => l.href),
    // /delen is reached from a reflection or a receipt, with the record it shares.
    folders.filter((f) => f !== "delen").map((f) => `${app.url}${f}/`),
  );
  for (const { href, name } of links) {
    await nav.getByRole("link", { name, exact: true }).click();
    await page.waitForURL(href);
    await appReady(page);
    // The link is named like the page it opens.
    assert.equal(await page.title(), `${name} - Zichtbaar`);
    assert.equal(await page.locator('nav a[aria-current="page"]').textContent(), name);
  }
  for (const { href, name } of inFooter) {
    await footer.getByRole("link", { name, exact: true }).click();
    await page.waitForURL(href);
    await appReady(page);
    assert.equal(await page.title(), `${name} - Zichtbaar`);
  }
  await page.context().close();
  app.assertClean();
});
