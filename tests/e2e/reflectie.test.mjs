// The reflection tool as a teacher uses it: ready to type on arrival, saved
// without doing anything, nothing lost on reload or when storage fails.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startApp, appReady, ROOT } from "./support.mjs";
import { ReflectiePage, freezeClock, storedRecords, download, seedStorage, plain } from "./pages.mjs";

const V1_FIXTURE = readFileSync(
  join(ROOT, "crates/zichtbaar-core/tests/data/stored-v1-reflection.json"),
  "utf8",
).trim();

let app;
before(async () => {
  app = await startApp();
});
after(async () => {
  await app?.close();
});

async function fresh(init) {
  const context = await app.newContext();
  await freezeClock(context);
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  return { context, page, r: new ReflectiePage(page, app.url) };
}

test("/reflectie opens the handreiking for the current school year, ready to type", async () => {
  const { context, r } = await fresh();
  await r.open();
  assert.equal(await r.heading().innerText().then(plain), "Ondersteuningsstructuur op school");
  assert.match(await r.page.locator(".zb-context").innerText().then(plain), /Schooljaar 2026-2027 · Mijn eigen reflectie/);
  assert.equal(await r.itemTitle().innerText().then(plain), "Onderwijsbehoeften centraal, handelingsgericht werken");
  assert.equal(await r.textboxes().count(), 3);
  assert.ok(await r.textboxes().first().isEditable());
  assert.equal(await r.choice("Weet ik niet").count(), 1);
  assert.match(await r.progressText().innerText().then(plain), /0 van 36 vragen beantwoord/);
  // Visiting stores nothing: a record exists only once something is typed.
  assert.deepEqual(await storedRecords(r.page), []);
  await context.close();
  app.assertClean();
});

test("a reload right after the last keystroke loses nothing", async () => {
  const { context, r } = await fresh();
  await r.open();
  const box = r.textbox("Zo hebben wij het georganiseerd");
  await box.click();
  await r.page.keyboard.type("Vaste lesopbouw in alle klassen", { delay: 5 });
  await r.page.reload(); // no waiting: the autosave delay has not passed
  await appReady(r.page);
  assert.equal(await r.textbox("Zo hebben wij het georganiseerd").inputValue(), "Vaste lesopbouw in alle klassen");
  assert.match(await r.status().innerText().then(plain), /Opgeslagen/);
  await context.close();
  app.assertClean();
});

test("closing the tab right after typing loses nothing", async () => {
  const { context, r } = await fresh();
  await r.open();
  await r.textbox("Hoe gaan we dat aanpakken?").fill("");
  await r.textbox("Hoe gaan we dat aanpakken?").pressSequentially("Werkgroep start in januari", { delay: 5 });
  await r.page.close();
  const again = new ReflectiePage(await context.newPage(), app.url);
  await again.open();
  assert.equal(await again.textbox("Hoe gaan we dat aanpakken?").inputValue(), "Werkgroep start in januari");
  await context.close();
  app.assertClean();
});

test("saving is announced politely and the record names instrument, version and digest", async () => {
  const { context, r } = await fresh();
  await r.open();
  assert.equal(await r.status().getAttribute("role"), "status");
  await r.choice("In ontwikkeling").check();
  await r.waitSaved();
  assert.equal(await r.status().innerText().then(plain), "Opgeslagen op dit apparaat.");
  const [stored] = await storedRecords(r.page);
  assert.equal(stored.schema, 2);
  const record = stored.record;
  assert.equal(record.instrument.id, "ondersteuningsstructuur");
  assert.equal(record.instrument.version, "2026.2");
  assert.match(record.instrument.digest, /^sha256:[0-9a-f]{64}$/);
  assert.equal(record.schoolYear, "2026-2027");
  assert.equal(record.created, "2026-11-23");
  assert.equal(record.revision, 1);
  assert.deepEqual(record.body.reflection.answers, {
    "onderwijsbehoeften-centraal/waar-staan-wij": { scale: "in-ontwikkeling" },
  });
  await context.close();
  app.assertClean();
});

test("progress per item and overall follows the answers", async () => {
  const { context, r } = await fresh();
  await r.open();
  const current = r.overview().locator('a[aria-current="step"]');
  assert.match(await current.innerText().then(plain), /0\/3/);
  await r.choice("Geborgd").check();
  await r.textbox("Hoe gaan we dat aanpakken?").fill("Zo");
  assert.match(await current.innerText().then(plain), /2\/3/);
  assert.match(await r.progressText().innerText().then(plain), /^2 van 36/);
  // Emptying an answer takes it off the count again.
  await r.textbox("Hoe gaan we dat aanpakken?").fill("   ");
  assert.match(await current.innerText().then(plain), /1\/3/);
  assert.equal(await r.page.locator("progress").getAttribute("value"), "1");
  await context.close();
  app.assertClean();
});

test("a whole item can be done with the keyboard alone, and focus follows", async () => {
  const { context, r } = await fresh();
  await r.open();
  const page = r.page;
  const focused = () =>
    page.evaluate(() => {
      const el = document.activeElement;
      return `${el.tagName}:${el.getAttribute("type") ?? ""}:${el.id}`;
    });
  // Tab until the first radio of the scale.
  let found = false;
  for (let i = 0; i < 30 && !found; i++) {
    await page.keyboard.press("Tab");
    found = (await focused()).startsWith("INPUT:radio");
  }
  assert.ok(found, "scale not reachable by Tab");
  await page.keyboard.press("ArrowRight"); // moves and selects within the group
  assert.equal(await r.choice("In ontwikkeling").isChecked(), true);
  await page.keyboard.press("Tab");
  assert.match(await focused(), /^TEXTAREA::v-onderwijsbehoeften-centraal-waar-staan-wij-tekst$/);
  await page.keyboard.type("Met de toetsen");
  // On to the "Volgende" link and through it.
  found = false;
  for (let i = 0; i < 10 && !found; i++) {
    await page.keyboard.press("Tab");
    found = await page.evaluate(() => document.activeElement.classList.contains("zb-pager__next"));
  }
  assert.ok(found, "next link not reachable by Tab");
  await page.keyboard.press("Enter");
  await page.waitForURL(/onderdeel=samen-systematisch-transparant/);
  await page.waitForFunction(() => document.activeElement?.id === "zb-item-title");
  assert.equal(await r.itemTitle().innerText().then(plain), "Samen, systematisch en transparant");
  // Back, and the typed text is still there.
  await page.goBack();
  assert.equal(await r.textbox("Zo hebben wij het georganiseerd").inputValue(), "Met de toetsen");
  // The focus style is visible: an outline of at least 2px.
  await r.textbox("Zo hebben wij het georganiseerd").focus();
  await page.keyboard.press("Shift+Tab");
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineWidth);
  assert.ok(parseFloat(outline) >= 2, `focus outline ${outline}`);
  await context.close();
  app.assertClean();
});

test("a full storage is shown, never swallowed, and a backup can be downloaded at once", async () => {
  const { context, r } = await fresh(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };
  });
  await r.open();
  await r.textbox("Hoe gaan we dat aanpakken?").fill("Dit mag niet verloren gaan");
  await r.page.waitForFunction(() => document.querySelector("[role=status]")?.textContent.startsWith("Niet opgeslagen"));
  assert.match(await r.status().innerText().then(plain), /Niet opgeslagen: de opslag van je browser is vol/);
  const { name, text } = await download(r.page, () =>
    r.page.getByRole("button", { name: "Download reservekopie" }).click(),
  );
  assert.equal(name, "zichtbaar-reservekopie-2026-11-23.json");
  const backup = JSON.parse(text);
  assert.equal(backup.format, "zichtbaar-backup");
  assert.equal(
    backup.records[0].record.body.reflection.answers["onderwijsbehoeften-centraal/aanpak"].text,
    "Dit mag niet verloren gaan",
  );
  await context.close();
  app.assertClean();
});

test("blocked storage is explained on arrival and the page still works", async () => {
  const { context, r } = await fresh(() => {
    Object.defineProperty(window, "localStorage", {
      get() {
        throw new DOMException("Access is denied for this document.", "SecurityError");
      },
    });
  });
  await r.open();
  assert.match(await r.status().innerText().then(plain), /Niet opgeslagen: je browser staat opslaan niet toe/);
  await r.textbox("Hoe gaan we dat aanpakken?").fill("Toch typen");
  const { text } = await download(r.page, () =>
    r.page.getByRole("button", { name: "Download reservekopie" }).click(),
  );
  assert.match(text, /Toch typen/);
  await context.close();
  app.assertClean();
});

test("a new year starts from last year's 'wat houden we erin' and shows last year's rating", async () => {
  const lastYear = {
    schema: 1,
    record: {
      id: "11111111-2222-4333-8444-555555555555",
      revision: 4,
      instrument: { id: "ondersteuningsstructuur", version: "2026.1", digest: "sha256:oud" },
      schoolYear: "2025-2026",
      created: "2025-10-01",
      updated: "2026-05-20",
      body: {
        reflection: {
          perspective: "persoonlijk",
          answers: {
            "onderwijsbehoeften-centraal/waar-staan-wij": { scale: "grotendeels-gerealiseerd", text: "Oud" },
            "onderwijsbehoeften-centraal/houden-en-anders": { text: "Houden: het leerlinggesprek" },
            "mentoraat/houden-en-anders": { text: "Houden: mentoruur" },
            "mentoraat/aanpak": { text: "Niet overnemen" },
          },
        },
      },
    },
  };
  const { context, r } = await fresh(seedStorage(`zichtbaar.record.${lastYear.record.id}`, JSON.stringify(lastYear)));
  await r.open();
  assert.match(await r.page.locator("article").innerText().then(plain), /Vorig schooljaar: Grotendeels gerealiseerd/);
  assert.equal(await r.textbox("Wat houden we erin? Wat willen we volgend jaar anders?").inputValue(), "");
  await r.page.getByRole("button", { name: "Antwoorden van vorig jaar overnemen" }).click();
  assert.equal(
    await r.textbox("Wat houden we erin? Wat willen we volgend jaar anders?").inputValue(),
    "Houden: het leerlinggesprek",
  );
  assert.equal(await r.page.getByRole("button", { name: "Antwoorden van vorig jaar overnemen" }).count(), 0);
  // Ratings are not carried over: they belong to the year they were given in.
  assert.equal(await r.choice("Grotendeels gerealiseerd").isChecked(), false);
  await r.waitSaved();
  const records = await storedRecords(r.page);
  const thisYear = records.find((s) => s.record.schoolYear === "2026-2027").record;
  assert.deepEqual(thisYear.body.reflection.answers, {
    "onderwijsbehoeften-centraal/houden-en-anders": { text: "Houden: het leerlinggesprek" },
    "mentoraat/houden-en-anders": { text: "Houden: mentoruur" },
  });
  // Last year's record is untouched.
  assert.deepEqual(records.find((s) => s.record.schoolYear === "2025-2026"), lastYear);
  await context.close();
  app.assertClean();
});

test("a personal and a team reflection are kept side by side", async () => {
  const { context, r } = await fresh();
  await r.open();
  await r.textbox("Hoe gaan we dat aanpakken?").fill("Mijn eigen plan");
  await r.choosePerspective("Reflectie van het team");
  await r.page.waitForURL(/voor=team/);
  // The page was drawn anew for the other record; focus is on its title.
  await r.page.waitForFunction(() => document.activeElement?.tagName === "H1");
  assert.match(await r.page.locator(".zb-context").innerText().then(plain), /Reflectie van het team/);
  assert.equal(await r.textbox("Hoe gaan we dat aanpakken?").inputValue(), "");
  await r.textbox("Hoe gaan we dat aanpakken?").fill("Ons teamplan");
  await r.choosePerspective("Mijn eigen reflectie");
  assert.equal(await r.textbox("Hoe gaan we dat aanpakken?").inputValue(), "Mijn eigen plan");
  await r.waitSaved();
  const perspectives = (await storedRecords(r.page)).map((s) => s.record.body.reflection.perspective).sort();
  assert.deepEqual(perspectives, ["persoonlijk", "team"]);
  await context.close();
  app.assertClean();
});

test("another instrument or school year is one step away", async () => {
  const { context, r } = await fresh();
  await r.open();
  await r.chooseInstrument("Routekaart inclusiever onderwijs");
  await r.page.waitForURL(/instrument=routekaart-inclusief/);
  await r.page.waitForFunction(() => document.querySelector("main h1")?.textContent.replaceAll("\u00ad", "").startsWith("Routekaart inclusiever onderwijs"));
  assert.equal(await r.itemTitle().innerText().then(plain), "Professionaliseren");
  assert.match(await r.page.locator(".zb-details").innerText().then(plain), /Doel[\s\S]*Wie is aan zet\?/);
  assert.equal(await r.page.getByRole("radio", { name: "Mee bezig" }).count(), 8);
  assert.match(await r.progressText().innerText().then(plain), /0 van 35/);
  await r.chooseYear("2025-2026");
  await r.page.waitForURL(/jaar=2025-2026/);
  await r.page.waitForFunction(() => document.querySelector(".zb-context")?.textContent.includes("2025-2026"));
  assert.match(await r.page.url(), /instrument=routekaart-inclusief/);
  await context.close();
  app.assertClean();
});

test("records written by the first version (schema 1) still open", async () => {
  const id = JSON.parse(V1_FIXTURE).record.id;
  const { context, r } = await fresh(seedStorage(`zichtbaar.record.${id}`, V1_FIXTURE));
  await r.open("?voor=team&onderdeel=basis-in-de-les");
  assert.equal(
    await r.textbox("Zo hebben wij het georganiseerd").inputValue(),
    "Vaste lesopbouw in de onderbouw.\nIn de bovenbouw nog niet.",
  );
  assert.equal(await r.choice("In ontwikkeling").isChecked(), true);
  // The fixture names another digest: the page says the text has changed since.
  assert.match(await r.page.locator("main").innerText().then(plain), /andere versie van de tekst \(2026\.1\)/);
  await context.close();
  app.assertClean();
});

test("the document view shows everything for a team conversation and prints cleanly", async () => {
  const { context, r } = await fresh();
  await r.open();
  await r.choice("Geborgd").check();
  await r.textbox("Zo hebben wij het georganiseerd").fill("Regel één\nRegel <twee>");
  await r.overview().getByRole("link", { name: "Alles op één pagina, om af te drukken" }).click();
  await r.page.waitForURL(/weergave=document/);
  const doc = r.page.locator(".zb-document");
  await doc.waitFor();
  const text = await doc.innerText().then(plain);
  assert.match(text, /Geborgd\s*Regel één\s*Regel <twee>/);
  assert.match(text, /1 van 36 vragen beantwoord/);
  assert.equal(await r.page.getByRole("button", { name: "Afdrukken / opslaan als PDF" }).count(), 1);
  await r.page.emulateMedia({ media: "print" });
  assert.equal(await r.page.locator(".zb-header").isVisible(), false);
  assert.equal(await r.page.locator(".zb-document__actions").isVisible(), false);
  assert.equal(await doc.isVisible(), true);
  await r.page.emulateMedia({ media: "screen" });
  await r.page.getByRole("link", { name: "Terug naar invullen" }).click();
  assert.equal(await r.textbox("Zo hebben wij het georganiseerd").inputValue(), "Regel één\nRegel <twee>");
  await context.close();
  app.assertClean();
});

test("the printout holds the answered items with their actions under them, the empty ones in one line; /reflectie reopens where the user was", async () => {
  const { context, r } = await fresh();
  const items = { "basis-in-de-les": "Een sterke basis in de les", mentoraat: "Mentoraat", "aanwezigheid-verzuim": "Aanwezigheid, verzuim en thuiszitters" };
  for (const id of Object.keys(items)) {
    await r.open(`?onderdeel=${id}`);
    await r.textbox("Zo hebben wij het georganiseerd").fill(`Zo doen wij het bij ${id}. `.repeat(10).trim());
    await r.waitSaved();
  }
  await r.open("?onderdeel=mentoraat");
  await r.page.getByRole("button", { name: "Actie toevoegen" }).click();
  await r.page.locator(".zb-plan__action").last().getByLabel("Wat gaan we doen?").fill("Mentorgesprekken plannen");
  await r.waitSaved();
  // Opened again without an item: the item the teacher was working on.
  await r.page.goto("about:blank");
  await r.open();
  assert.equal(await r.itemTitle().innerText().then(plain), "Mentoraat");
  // An item in the address still wins.
  await r.open("?onderdeel=basis-in-de-les");
  assert.equal(await r.itemTitle().innerText().then(plain), "Een sterke basis in de les");

  await r.open("?weergave=document");
  const doc = r.page.locator(".zb-document");
  await doc.waitFor();
  const written = doc.locator(".zb-document__item");
  assert.equal(await written.count(), 3);
  assert.deepEqual(await written.locator("h3").allInnerTexts().then((t) => t.map(plain)), Object.values(items));
  // The action stands in full under its item, not in a table at the end.
  assert.match(await written.nth(1).innerText().then(plain), /Mentorgesprekken plannen · wie: nog niet gekozen · klaar in: nog geen datum · Gepland/);
  assert.equal(await doc.locator(".zb-plan-table").count(), 0);
  assert.match(await doc.innerText().then(plain), /Nog niet ingevuld \(9\): Onderwijsbehoeften centraal/);
  const pdf = await r.page.pdf({ format: "A4" });
  const pages = pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g).length;
  console.log(`# printout of 3 answered items: ${pages} A4 page(s), ${pdf.length} bytes`);
  assert.ok(pages <= 2, `3 answered items took ${pages} pages`);
  await context.close();
  app.assertClean();
});
