// Two tabs on the same record: each shows what the other changed, text typed
// in both is kept in both, and a record a newer version wrote is never
// written over.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startApp } from "./support.mjs";
import { ReflectiePage, OntvangstPage, freezeClock, storedRecords, plain } from "./pages.mjs";

let app;
before(async () => {
  app = await startApp();
});
after(async () => {
  await app?.close();
});

const HOW = "Zo hebben wij het georganiseerd";
const KEEP = "Wat houden we erin? Wat willen we volgend jaar anders?";
const PLAN = "Hoe gaan we dat aanpakken?";

/** Two tabs of one browser (one storage), both on /reflectie. */
async function twoTabs() {
  const context = await app.newContext();
  context.setDefaultTimeout(10000);
  await freezeClock(context);
  const a = await new ReflectiePage(await context.newPage(), app.url).open();
  const b = await new ReflectiePage(await context.newPage(), app.url).open();
  return { context, a, b };
}

/** Waits until the text box `label` in `tab` holds `text` (it may be drawn anew meanwhile). */
async function shows(tab, label, text) {
  await tab.page.waitForFunction(
    ([label, want]) =>
      [...document.querySelectorAll("textarea")].some(
        (t) => t.labels?.[0]?.textContent.replaceAll("\u00ad", "").trim().startsWith(label) && t.value === want,
      ),
    [label, text],
  );
}

test("a second tab shows what the first typed, and the first what the second typed", async () => {
  const { context, a, b } = await twoTabs();
  await a.textbox(HOW).fill("Uit tabblad A");
  await a.waitSaved();
  await shows(b, HOW, "Uit tabblad A");
  assert.match(await b.page.locator("#zb-elders").innerText().then(plain), /In een ander tabblad is deze reflectie ook aangepast/);
  assert.match(await b.progressText().innerText().then(plain), /1 van 36 vragen beantwoord/);

  await b.textbox(KEEP).fill("Uit tabblad B");
  await b.waitSaved();
  await shows(a, KEEP, "Uit tabblad B");
  assert.equal(await a.textbox(HOW).inputValue(), "Uit tabblad A");
  const [stored] = (await storedRecords(a.page)).map((s) => s.record.body.reflection.answers);
  assert.equal(stored["onderwijsbehoeften-centraal/waar-staan-wij"].text, "Uit tabblad A");
  assert.equal(stored["onderwijsbehoeften-centraal/houden-en-anders"].text, "Uit tabblad B");
  assert.equal((await storedRecords(a.page)).length, 1, "one record, not one per tab");
  await context.close();
  app.assertClean();
});

test("text typed in both tabs at once is kept in both, and the notice says where", async () => {
  const { context, a, b } = await twoTabs();
  await a.textbox(HOW).fill("Begin");
  await a.waitSaved();
  await shows(b, HOW, "Begin");
  // B types and has not written yet (its autosave waits 300 ms) when A
  // types the same question and writes at once (as when its tab is left).
  await b.textbox(PLAN).fill("B schrijft dit");
  await a.textbox(PLAN).fill("A schrijft dat");
  await a.page.evaluate(() => window.dispatchEvent(new Event("pagehide")));
  // Whichever tab merged, both end with both texts, the merging tab's first.
  const both = (t) => t.includes("B schrijft dit") && t.includes("A schrijft dat");
  for (const tab of [a, b]) {
    await tab.page.waitForFunction(
      (label) =>
        [...document.querySelectorAll("textarea")].some(
          (t) => t.labels?.[0]?.textContent.replaceAll("\u00ad", "").trim().startsWith(label) && t.value.includes("A schrijft dat") && t.value.includes("B schrijft dit"),
        ),
      PLAN,
    );
  }
  assert.equal(await a.textbox(PLAN).inputValue(), await b.textbox(PLAN).inputValue());
  await a.waitSaved();
  await b.waitSaved();
  const [stored] = await storedRecords(a.page);
  const text = stored.record.body.reflection.answers["onderwijsbehoeften-centraal/aanpak"].text;
  assert.ok(both(text), text);
  // Earlier answers are untouched.
  assert.equal(await b.textbox(HOW).inputValue(), "Begin");
  // Later changes from the other tab that clash with nothing (each tab's
  // autosave after the merge did this, now and then) keep the texts named
  // in the notice: it is not taken away before it is read.
  await a.textbox(HOW).fill("Begin, A");
  await shows(b, HOW, "Begin, A");
  await b.textbox(KEEP).fill("Later, B");
  await shows(a, KEEP, "Later, B");
  const notices = (await a.page.locator("#zb-elders").innerText().then(plain)) + (await b.page.locator("#zb-elders").innerText().then(plain));
  assert.match(notices, /in beide tabbladen aangepast[\s\S]*Hoe gaan we dat aanpakken\?/);
  await context.close();
  app.assertClean();
});

test("a tab that has not heard of the other tab's new record yet joins it on its first write", async () => {
  const context = await app.newContext();
  context.setDefaultTimeout(10000);
  await freezeClock(context);
  const a = await new ReflectiePage(await context.newPage(), app.url).open();
  // Tab B never hears a storage event: as if A's arrives after B writes.
  const late = await context.newPage();
  await late.addInitScript(() => {
    const add = EventTarget.prototype.addEventListener;
    EventTarget.prototype.addEventListener = function (type, ...rest) {
      if (type !== "storage") return add.call(this, type, ...rest);
    };
  });
  const b = await new ReflectiePage(late, app.url).open();
  await a.textbox(HOW).fill("Eerst in tabblad A");
  await a.waitSaved();
  await b.textbox(KEEP).fill("Daarna in tabblad B");
  await b.waitSaved();
  const records = await storedRecords(b.page);
  assert.equal(records.length, 1, "one record, not two");
  const answers = records[0].record.body.reflection.answers;
  assert.equal(answers["onderwijsbehoeften-centraal/waar-staan-wij"].text, "Eerst in tabblad A");
  assert.equal(answers["onderwijsbehoeften-centraal/houden-en-anders"].text, "Daarna in tabblad B");
  // B shows A's text too, with the notice.
  assert.equal(await b.textbox(HOW).inputValue(), "Eerst in tabblad A");
  assert.match(await b.page.locator("#zb-elders").innerText().then(plain), /In een ander tabblad is deze reflectie ook aangepast/);
  await context.close();
  app.assertClean();
});

test("a record that a newer version wrote in another tab is not written over", async () => {
  const { context, a, b } = await twoTabs();
  await a.textbox(HOW).fill("Van de oude versie");
  await a.waitSaved();
  const [{ record }] = await storedRecords(a.page);
  const key = `zichtbaar.record.${record.id}`;
  const newer = JSON.stringify({ schema: 99, record: { ...record, revision: record.revision + 1, extra: "nieuw" } });
  // The "newer app" in tab B writes it; tab A hears of it but cannot read it.
  await b.page.evaluate(([k, v]) => localStorage.setItem(k, v), [key, newer]);
  await a.textbox(KEEP).fill("Verder getypt in de oude versie");
  await a.page.waitForFunction(() => document.querySelector("[role=status]")?.textContent.startsWith("Niet opgeslagen"));
  assert.match(await a.status().innerText().then(plain), /een nieuwere versie van Zichtbaar heeft dit intussen opgeslagen/);
  assert.ok(await a.page.getByRole("button", { name: "Download reservekopie" }).isVisible());
  assert.equal(await a.page.evaluate((k) => localStorage.getItem(k), key), newer);
  await context.close();
  // The console error of the failed save is expected here; nothing else.
  app.assertClean();
});

test("two tabs on one receipt: each shows the other's text", async () => {
  const context = await app.newContext();
  context.setDefaultTimeout(10000);
  await freezeClock(context);
  const a = new OntvangstPage(await context.newPage(), app.url);
  await a.open();
  await a.field("Naam van de school (verplicht)").fill("De Brug");
  await a.page.waitForFunction(() => document.querySelector("[role=status]")?.textContent.startsWith("Opgeslagen"));
  const b = new OntvangstPage(await context.newPage(), app.url);
  await b.open();
  assert.equal(await b.field("Naam van de school (verplicht)").inputValue(), "De Brug");
  await b.field("Wat vind je van de handreiking? (niet verplicht)").fill("Helder, uit tabblad B");
  await b.page.waitForFunction(() => document.querySelector("[role=status]")?.textContent.startsWith("Opgeslagen"));
  await a.page.waitForFunction(
    () => document.getElementById("r-reactions")?.value === "Helder, uit tabblad B",
  );
  assert.match(await a.page.locator("#zb-elders").innerText().then(plain), /deze bevestiging ook aangepast/);
  assert.equal(await a.field("Naam van de school (verplicht)").inputValue(), "De Brug");
  await context.close();
  app.assertClean();
});
