// The receipt form from the mailing: saved as typed, checked where it can
// be wrong, revised under one id, and shared as an anonymised file.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startApp, appReady } from "./support.mjs";
import { OntvangstPage, SharePanel, freezeClock, storedRecords, download, plain, plainAll } from "./pages.mjs";

let app;
before(async () => {
  app = await startApp();
});
after(async () => {
  await app?.close();
});

async function fresh(when) {
  const context = await app.newContext();
  await freezeClock(context, when);
  const page = await context.newPage();
  return { context, page, o: new OntvangstPage(page, app.url), share: new SharePanel(page) };
}

test("/ontvangst opens the form and counts the days to the deadline from the instrument", async () => {
  const { context, o } = await fresh();
  await o.open();
  assert.equal(await o.page.locator("main h1").innerText().then(plain), "Ontvangst van de handreiking bevestigen");
  assert.equal(await o.page.locator(".zb-deadline").innerText().then(plain), "Graag bevestigen vóór 7 juni 2027. Je hebt nog 196 dagen.");
  assert.ok(await o.field("Naam van de school (verplicht)").isEditable());
  await context.close();

  const late = await fresh(new Date("2027-06-20T09:00:00"));
  await late.o.open();
  assert.equal(
    await late.page.locator(".zb-deadline").innerText().then(plain),
    "De gevraagde datum (7 juni 2027) is voorbij. Bevestigen en reageren kan nog steeds.",
  );
  await late.context.close();
  app.assertClean();
});

test("the form is saved as it is typed and survives a reload", async () => {
  const { context, o } = await fresh();
  await o.open();
  await o.field("Naam van de school (verplicht)").fill("Het Lyceum");
  await o.page.getByRole("radio", { name: "Teamleider" }).check();
  await o.page.reload();
  await appReady(o.page);
  assert.equal(await o.field("Naam van de school (verplicht)").inputValue(), "Het Lyceum");
  assert.equal(await o.page.getByRole("radio", { name: "Teamleider" }).isChecked(), true);
  const [stored] = await storedRecords(o.page);
  assert.equal(stored.record.body.receipt.schoolName, "Het Lyceum");
  assert.equal(stored.record.body.receipt.role, "teamleider");
  await context.close();
  app.assertClean();
});

test("a wrong BRIN code gets a clear message when leaving the field, and it goes when fixed", async () => {
  const { context, o } = await fresh();
  await o.open();
  const brin = o.field("BRIN-code (niet verplicht)");
  await brin.fill("1234");
  await brin.press("Tab");
  const error = o.page.locator("#r-brin-error");
  assert.equal(await error.isVisible(), true);
  assert.match(await error.innerText().then(plain), /2 cijfers en 2 letters, bijvoorbeeld 12AB/);
  assert.equal(await brin.getAttribute("aria-invalid"), "true");
  // The message is part of the field's description for screen readers.
  assert.match(await brin.getAttribute("aria-describedby"), /r-brin-error/);
  await brin.fill("12ab");
  await brin.press("Tab");
  assert.equal(await error.isVisible(), false);
  assert.equal(await brin.getAttribute("aria-invalid"), null);
  await context.close();
  app.assertClean();
});

test("sending an incomplete form shows what to fix, with links that move focus to each field", async () => {
  const { context, o } = await fresh();
  await o.open();
  await o.next();
  const summary = o.page.locator("#r-errors");
  assert.equal(await summary.isVisible(), true);
  assert.equal(await o.page.evaluate(() => document.activeElement?.id), "r-errors");
  const links = summary.getByRole("link");
  assert.deepEqual(await links.allInnerTexts().then(plainAll), [
    "Vul de naam van de school in.",
    "Vink aan dat jullie de handreiking hebben ontvangen.",
  ]);
  await links.first().click();
  assert.equal(await o.page.evaluate(() => document.activeElement?.id), "r-school");
  assert.equal(o.page.url(), `${app.url}ontvangst/`);
  await context.close();
  app.assertClean();
});

test("the same person revises one receipt; a colleague on the same computer starts another", async () => {
  const { context, o } = await fresh();
  await o.open();
  await o.fillComplete();
  await o.field("Wat wil je bespreken met het samenwerkingsverband? (niet verplicht)").fill("Het OPP");
  await o.page.waitForFunction(() => document.getElementById("zb-save-text")?.textContent.startsWith("Opgeslagen"));
  const [first] = await storedRecords(o.page);
  await o.page.reload();
  await appReady(o.page);
  await o.field("Wat wil je bespreken met het samenwerkingsverband? (niet verplicht)").fill("Het OPP en de SOP");
  await o.page.waitForTimeout(600);
  const [revised] = await storedRecords(o.page);
  assert.equal(revised.record.id, first.record.id);
  assert.ok(revised.record.revision > first.record.revision);

  await o.page.getByRole("button", { name: "Nieuwe bevestiging beginnen" }).click();
  // The school is filled in already; focus goes on to the role.
  await o.page.waitForFunction(() => document.activeElement?.getAttribute("name") === "role");
  assert.equal(await o.field("Naam van de school (verplicht)").inputValue(), "Voorbeeldcollege");
  assert.equal(await o.field("Wat wil je bespreken met het samenwerkingsverband? (niet verplicht)").inputValue(), "");
  await o.page.getByRole("radio", { name: "Docent" }).check();
  await o.page.waitForTimeout(600);
  const records = await storedRecords(o.page);
  assert.equal(records.length, 2);
  assert.equal(new Set(records.map((r) => r.record.id)).size, 2);

  // Coming back, the colleague's own receipt opens again, and the other is listed.
  await o.page.reload();
  await appReady(o.page);
  assert.equal(await o.page.getByRole("radio", { name: "Docent" }).isChecked(), true);
  const list = o.page.locator(".zb-form__list");
  assert.match(await list.innerText().then(plain), /Voorbeeldcollege, docent \(bijgewerkt 23 november 2026\) \(nu open\)/);
  await list.getByRole("link", { name: /Voorbeeldcollege, ondersteuningscoördinator/ }).click();
  await o.page.waitForURL(/bevestiging=/);
  await o.page.waitForFunction(() => document.querySelector("#r-wishes")?.value === "Het OPP en de SOP");
  assert.equal(await o.page.getByRole("radio", { name: "Ondersteuningscoördinator" }).isChecked(), true);
  await context.close();
  app.assertClean();
});

test("a complete receipt is shared as a file that holds exactly what the preview shows", async () => {
  const { context, o, share } = await fresh();
  await o.open();
  await o.fillComplete();
  await o.next();
  await o.page.waitForURL(/\/delen\/\?record=/);
  await share.waitOpen();
  const facts = await o.page.locator(".zb-share__facts").innerText().then(plain);
  assert.match(facts, /Naam van de school\s*Voorbeeldcollege/);
  assert.match(facts, /BRIN-code\s*12AB/);
  const shown = await share.fileText();
  await share.others();
  const { name, text } = await download(o.page, () => share.button("Bestand downloaden").click());
  assert.equal(text, shown, "the download differs from the preview");
  const file = JSON.parse(text);
  // Kind, school, day and the record's id: fourteen receipts saved in one folder never overwrite each other.
  assert.equal(name, `zichtbaar-ontvangst-voorbeeldcollege-12ab-2026-11-23-${file.records[0].id.slice(0, 8)}.json`);
  assert.equal(file.format, "zichtbaar-export");
  assert.equal(file.exported, "2026-11-23");
  const [record] = file.records;
  assert.equal(record.kind, "receipt");
  assert.deepEqual(record.school, { name: "Voorbeeldcollege", brin: "12AB" });
  assert.deepEqual(record.receipt, {
    role: "ondersteuningscoordinator",
    received: true,
    sharedWithColleagues: "nog-niet",
    reactions: "Handzaam. Mail gerust naar [e-mailadres weggelaten].",
  });
  assert.ok(!text.includes("j.jansen@school.nl"));
  assert.match(await share.status().innerText().then(plain), /staat in je downloads/);
  // Back to the form: everything is still there.
  await o.page.getByRole("link", { name: "Terug naar het formulier" }).click();
  assert.equal(await o.field("Naam van de school (verplicht)").inputValue(), "Voorbeeldcollege");
  await context.close();
  app.assertClean();
});
