// Storage faults injected on every page: full, blocked, damaged, written by
// a newer version. Typing goes on, the user is told in plain words, a
// backup is one click away, and what cannot be read is left as it is.
// (Two tabs: tabs.test.mjs. The reflection page's quota and blocked
// storage: reflectie.test.mjs.)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { startApp, appReady, ROOT } from "./support.mjs";
import { ReflectiePage, OntvangstPage, freezeClock, download, importFiles, plain } from "./pages.mjs";

let app;
before(async () => {
  app = await startApp();
});
after(async () => {
  await app?.close();
});

/** localStorage says it is full on every write. */
const FULL = () => {
  Storage.prototype.setItem = function () {
    throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
  };
};
/** localStorage is not there for this page (private mode, a policy). */
const BLOCKED = () => {
  Object.defineProperty(window, "localStorage", {
    get() {
      throw new DOMException("Access is denied for this document.", "SecurityError");
    },
  });
};

/** Seeds `key` once: a later page load does not write it again, so a change by the app would show. */
const seedOnce = (key, value) =>
  `if (location.protocol.startsWith("http") && localStorage.getItem(${JSON.stringify(key)}) === null) localStorage.setItem(${JSON.stringify(key)}, ${JSON.stringify(value)});`;

async function fresh(...inits) {
  const context = await app.newContext();
  context.setDefaultTimeout(15000);
  await freezeClock(context);
  for (const init of inits) await context.addInitScript(init);
  const page = await context.newPage();
  return { context, page };
}

const failedStatus = (page) =>
  page.waitForFunction(() => document.querySelector("[role=status]")?.textContent.startsWith("Niet opgeslagen"));

for (const [fault, init, says] of [
  ["full", FULL, /Niet opgeslagen: de opslag van je browser is vol/],
  ["blocked", BLOCKED, /Niet opgeslagen: je browser staat opslaan niet toe/],
]) {
  test(`/ontvangst with storage ${fault}: typing goes on, the status says so, the backup holds what was typed`, async () => {
    const { context, page } = await fresh(init);
    const o = await new OntvangstPage(page, app.url).open();
    await o.field("Naam van de school (verplicht)").fill("Het Baken");
    await o.field("Wat vind je van de handreiking? (niet verplicht)").fill("Dit mag niet verloren gaan");
    await failedStatus(page);
    assert.match(await page.getByRole("status").innerText().then(plain), says);
    const { text } = await download(page, () => page.getByRole("button", { name: "Download reservekopie" }).click());
    const receipt = JSON.parse(text).records[0].record.body.receipt;
    assert.equal(receipt.schoolName, "Het Baken");
    assert.equal(receipt.reactions, "Dit mag niet verloren gaan");
    await context.close();
    app.assertClean();
  });
}

test("/privacy and /delen with storage blocked: a plain message, and the page still works", async () => {
  const { context, page } = await fresh(BLOCKED);
  await page.goto(`${app.url}privacy/`);
  await appReady(page);
  assert.match(await page.locator("main").innerText().then(plain), /je browser staat opslaan niet toe/);
  // The menu still works.
  await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Reflectie", exact: true }).click();
  await appReady(page);
  await page.goto(`${app.url}delen/?record=11111111-2222-4333-8444-555555555555`);
  await appReady(page);
  assert.match(await page.locator("main").innerText().then(plain), /kan de opslag van je browser niet lezen: je browser staat opslaan niet toe/);
  await context.close();
  app.assertClean();
});

test("/verzamelen with IndexedDB full: the import is shown on screen and the status says what was not kept", async () => {
  const { context, page } = await fresh(() => {
    IDBObjectStore.prototype.add = function () {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };
  });
  await page.goto(`${app.url}verzamelen/`);
  await appReady(page);
  await importFiles(page, join(ROOT, "docs/examples/export-reflection.json"));
  const status = await page.locator("#c-status").innerText().then(plain);
  assert.match(status, /Niet alles is bewaard: de opslag van je browser is vol\. Wat is ingelezen staat nog wel op je scherm/);
  assert.equal(await page.locator("#c-results").getAttribute("data-records"), "1");
  await context.close();
  app.assertClean();
});

test("/verzamelen with IndexedDB blocked: a plain message on arrival, and files can still be read for this visit", async () => {
  const { context, page } = await fresh(() => {
    IDBFactory.prototype.open = function () {
      throw new DOMException("Access is denied for this document.", "SecurityError");
    };
  });
  await page.goto(`${app.url}verzamelen/`);
  await appReady(page);
  await page.waitForFunction(() => /opslaan niet toe/.test(document.querySelector("main")?.textContent));
  assert.match(await page.locator("main").innerText().then(plain), /je browser staat opslaan niet toe/);
  await importFiles(page, join(ROOT, "docs/examples/export-reflection.json"));
  assert.match(await page.locator("#c-status").innerText().then(plain), /Niet alles is bewaard: je browser staat opslaan niet toe/);
  assert.equal(await page.locator("#c-results").getAttribute("data-records"), "1");
  await context.close();
  app.assertClean();
});

test("a damaged record and one from a newer version are reported, left byte for byte, and the rest works", async () => {
  const DAMAGED = ["zichtbaar.record.11111111-2222-4333-8444-555555555555", '{"schema": 2, "record": {"id": "11111111-2222-4333-8444-5555'];
  const NEWER = ["zichtbaar.record.22222222-2222-4333-8444-555555555555", JSON.stringify({ schema: 99, record: { id: "22222222-2222-4333-8444-555555555555", nieuw: true } })];
  const { context, page } = await fresh(seedOnce(...DAMAGED), seedOnce(...NEWER));
  const r = await new ReflectiePage(page, app.url).open();
  assert.match(await page.locator("main").innerText().then(plain), /gegevens die deze versie van Zichtbaar niet kan lezen\. Ze zijn niet verwijderd/);
  await r.textbox("Hoe gaan we dat aanpakken?").fill("Gewoon verder");
  await r.waitSaved();
  // /privacy counts them and a backup carries them as they are.
  await page.goto(`${app.url}privacy/`);
  await appReady(page);
  assert.match(await page.locator("#zb-storage-unreadable").innerText().then(plain), /2 \(ze zijn niet verwijderd\)/);
  const { text } = await download(page, () => page.getByRole("button", { name: /reservekopie/i }).first().click());
  const kept = Object.fromEntries(JSON.parse(text).unreadable.map((u) => [u.key, u.text]));
  assert.deepEqual(kept, Object.fromEntries([DAMAGED, NEWER]), "the backup holds both as they are stored");
  for (const [key, value] of [DAMAGED, NEWER]) {
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), key), value, `${key} changed`);
  }
  await context.close();
  app.assertClean();
});
