// Wiping a shared computer: after offering a backup and asking, every
// record, setting and the collection of /verzamelen are gone from this
// browser (read back from storage), while the app itself keeps working.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startApp, appReady, ROOT } from "./support.mjs";
import { ReflectiePage, freezeClock, download, importFiles, plain } from "./pages.mjs";

let app;
before(async () => {
  app = await startApp();
});
after(async () => {
  await app?.close();
});

/** Every key this origin keeps in localStorage, and the names of its IndexedDB databases. */
const storageOf = (page) =>
  page.evaluate(async () => ({
    keys: Object.keys(localStorage),
    databases: (await indexedDB.databases()).map((d) => d.name),
  }));

test("'Alles van dit apparaat wissen' offers a backup, asks, then leaves nothing of the user's behind", async () => {
  const context = await app.newContext();
  await freezeClock(context);
  const page = await context.newPage();
  const r = new ReflectiePage(page, app.url);
  await r.open();
  await r.textbox("Hoe gaan we dat aanpakken?").fill("Iets om te wissen");
  await r.waitSaved();
  await page.evaluate(() => localStorage.setItem("zichtbaar.watch-names", "Jan Jansen"));
  // The collection: a shared file read on /verzamelen, still open in a second tab.
  const swv = await context.newPage();
  await swv.goto(app.url + "verzamelen/");
  await appReady(swv);
  await importFiles(swv, join(ROOT, "docs/examples/export-reflection.json"));
  const filled = await storageOf(page);
  assert.ok(filled.keys.filter((k) => k.startsWith("zichtbaar.")).length >= 2, filled.keys.join());
  assert.ok(filled.databases.includes("zichtbaar-verzamelen"));

  await page.goto(app.url + "privacy/");
  await appReady(page);
  await page.getByRole("button", { name: "Alles van dit apparaat wissen" }).click();
  // Asked first, with the backup offered and focus on the choice.
  assert.match(await page.locator("#zb-wipe").innerText().then(plain), /Weet je het zeker\?[\s\S]*Dit wist 1 reflectie of bevestiging,/);
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Ja, alles wissen");
  const { text } = await download(page, () => page.getByRole("button", { name: "Eerst een reservekopie downloaden" }).click());
  assert.equal(JSON.parse(text).records.length, 1);
  // "Nee" wipes nothing.
  await page.getByRole("button", { name: "Nee, niets wissen" }).click();
  assert.match(await page.locator("#zb-wipe-status").innerText().then(plain), /Er is niets gewist/);
  assert.deepEqual(await storageOf(page), filled);

  await page.getByRole("button", { name: "Alles van dit apparaat wissen" }).click();
  await page.getByRole("button", { name: "Ja, alles wissen" }).click();
  await page.waitForFunction(() => /gewist[.:]/.test(document.querySelector("#zb-wipe-status")?.textContent ?? ""), null, { timeout: 10000 });
  assert.match(await page.locator("#zb-wipe-status").innerText().then(plain), /Alles is van dit apparaat gewist/);
  assert.equal(await page.locator("#zb-storage-records").innerText().then(plain), "0");
  const after = await storageOf(page);
  assert.deepEqual(after.keys.filter((k) => k.startsWith("zichtbaar.")), []);
  assert.ok(!after.databases.includes("zichtbaar-verzamelen"), after.databases.join());
  // The app still works: the reflection opens empty.
  await r.open();
  assert.equal(await r.textbox("Hoe gaan we dat aanpakken?").inputValue(), "");
  await context.close();
  app.assertClean();
});

test("a backup is restored after a preview: new records come back, newer work here is only replaced when asked", async () => {
  const context = await app.newContext();
  await freezeClock(context);
  const page = await context.newPage();
  const r = new ReflectiePage(page, app.url);
  await r.open();
  await r.textbox("Hoe gaan we dat aanpakken?").fill("Versie uit de reservekopie");
  await r.waitSaved();
  await page.goto(app.url + "privacy/");
  await appReady(page);
  const backup = await download(page, () => page.getByRole("button", { name: "Reservekopie van alles downloaden" }).click());
  const path = join(mkdtempSync(join(tmpdir(), "zichtbaar-backup-")), backup.name);
  writeFileSync(path, backup.text);

  // Later work on this device: the backup is now older.
  await r.open();
  await r.textbox("Hoe gaan we dat aanpakken?").fill("Nieuwer werk op dit apparaat");
  await r.waitSaved();
  await page.goto(app.url + "privacy/");
  await appReady(page);
  await page.locator("#zb-restore-file").setInputFiles(path);
  await page.locator("#zb-restore-title").waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), "zb-restore-title");
  const older = page.getByRole("checkbox", { name: /ouder dan wat hier staat/ });
  assert.equal(await older.isChecked(), false);
  await page.getByRole("button", { name: "Gekozen onderdelen terugzetten" }).click();
  assert.match(await page.locator("#zb-restore-status").innerText().then(plain), /0 onderdelen teruggezet/);
  await r.open();
  assert.equal(await r.textbox("Hoe gaan we dat aanpakken?").inputValue(), "Nieuwer werk op dit apparaat");

  // On an empty device (wiped), the same backup brings the record back.
  await page.goto(app.url + "privacy/");
  await appReady(page);
  await page.getByRole("button", { name: "Alles van dit apparaat wissen" }).click();
  await page.getByRole("button", { name: "Ja, alles wissen" }).click();
  await page.waitForFunction(() => /gewist[.:]/.test(document.querySelector("#zb-wipe-status")?.textContent ?? ""));
  await page.locator("#zb-restore-file").setInputFiles(path);
  const fresh = page.getByRole("checkbox", { name: /nieuw op dit apparaat/ });
  assert.equal(await fresh.isChecked(), true);
  await page.getByRole("button", { name: "Gekozen onderdelen terugzetten" }).click();
  assert.match(await page.locator("#zb-restore-status").innerText().then(plain), /1 onderdeel teruggezet/);
  assert.equal(await page.locator("#zb-storage-records").innerText().then(plain), "1");
  await r.open();
  assert.equal(await r.textbox("Hoe gaan we dat aanpakken?").inputValue(), "Versie uit de reservekopie");

  // Not a backup: said plainly, nothing changes.
  await page.goto(app.url + "privacy/");
  await appReady(page);
  await page.locator("#zb-restore-file").setInputFiles(join(ROOT, "docs/examples/export-reflection.json"));
  await page.waitForFunction(() => document.querySelector("#zb-restore-status")?.textContent.length > 0);
  assert.match(await page.locator("#zb-restore-status").innerText().then(plain), /Dit is geen reservekopie van Zichtbaar/);
  await context.close();
  app.assertClean();
});
