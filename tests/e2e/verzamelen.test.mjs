// The collection view: many shared exports read together in the browser.
// Files go in through the real file input; the figures on screen are
// checked against figures computed here, independently; hostile files are
// refused with a reason and never run markup; the CSV cannot run a formula;
// the collection survives a reload and works offline.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startApp, appReady, ROOT } from "./support.mjs";
import { freezeClock, download, importFiles, plain, plainAll } from "./pages.mjs";

const TEMPLATE = JSON.parse(readFileSync(join(ROOT, "docs/examples/export-reflection.json"), "utf8")).records[0];
const RECEIPT = JSON.parse(readFileSync(join(ROOT, "docs/examples/export-receipt.json"), "utf8")).records[0];
const SCALE = ["nog-niet-zichtbaar", "in-ontwikkeling", "grotendeels-gerealiseerd", "geborgd"];
const LABELS = ["Nog niet zichtbaar", "In ontwikkeling", "Grotendeels gerealiseerd", "Geborgd"];

const id = (n) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const exportFile = (records) => JSON.stringify({ format: "zichtbaar-export", formatVersion: 2, exported: "2027-03-14", records }, null, 2) + "\n";
/** Two colleagues also plan for the SOP: fewer than five, so no counts. */
const withSop = (r) => ({ ...r, actions: { ...r.actions, schoolondersteuningsprofiel: [{ id: "0000000a", what: "SOP bijwerken", who: "directie", status: "bezig" }] } });

/** A reflection: mentoraat rated `m` (index into SCALE), basis-in-de-les only when `b` is given. */
function reflection(n, m, b, text = "", revision = 1) {
  const answers = { "mentoraat/waar-staan-wij": { scale: SCALE[m] }, "mentoraat/aanpak": { text: text || `Plan van collega ${n}.` } };
  if (b !== undefined) answers["basis-in-de-les/waar-staan-wij"] = { scale: SCALE[b] };
  return { ...TEMPLATE, id: id(n), revision, perspective: "persoonlijk", answers };
}

// Mentoraat: six colleagues (one of them imported twice, and once as an
// older revision); basis in de les: only three answers (fewer than five).
const MENTORAAT = [0, 0, 1, 3, 3, 3];
const XSS = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>`;
const FORMULA = `=HYPERLINK("http://example.invalid","klik")`;

let app, dir, paths;
before(async () => {
  app = await startApp();
  dir = mkdtempSync(join(tmpdir(), "zichtbaar-verzamelen-"));
  const files = {
    "collega-1.json": exportFile([withSop(reflection(1, MENTORAAT[0], 1, XSS))]),
    "collega-2.json": exportFile([withSop(reflection(2, MENTORAAT[1], 2, FORMULA))]),
    "collega-3.json": exportFile([reflection(3, MENTORAAT[2], 3)]),
    "collega-4.json": exportFile([reflection(4, MENTORAAT[3])]),
    "collega-5.json": exportFile([reflection(5, MENTORAAT[4]), { ...reflection(99, 0), id: "kapot" }]),
    // Colleague 6 sent twice, and an older revision that must not count.
    "collega-6.json": exportFile([reflection(6, MENTORAAT[5], undefined, "", 3)]),
    "collega-6-nogmaals.json": exportFile([reflection(6, MENTORAAT[5], undefined, "", 3)]),
    "collega-6-oud.json": exportFile([reflection(6, 0, undefined, "", 1)]),
    "ontvangst.json": exportFile([RECEIPT]),
    "geen-json.json": "Dit is geen JSON.",
    "bom.json": "[".repeat(100000),
    "reservekopie.json": JSON.stringify({ format: "zichtbaar-backup", formatVersion: 1, records: [] }),
    "nieuwer.json": JSON.stringify({ format: "zichtbaar-export", formatVersion: 99, exported: "2030-01-01", records: [] }),
  };
  paths = Object.entries(files).map(([name, text]) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  });
});
after(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function importAll(page) {
  await importFiles(page, paths, 30000);
}

const records = (page) => page.locator("#c-results").getAttribute("data-records");

test("files are read through the file input: good ones counted once, hostile ones refused with a reason", async () => {
  const context = await app.newContext();
  await freezeClock(context);
  const page = await context.newPage();
  await page.goto(app.url + "verzamelen/");
  await appReady(page);
  await importAll(page);
  // 6 colleagues + 1 receipt; the duplicate and the older revision count once.
  assert.equal(await records(page), "7");
  const status = await page.locator("#c-status").innerText().then(plain);
  assert.match(status, /9 van de 13 bestanden ingelezen/);
  assert.match(status, /geen-json\.json: Dit is geen bestand dat Zichtbaar heeft gemaakt/);
  assert.match(status, /bom\.json: Dit is geen bestand/);
  assert.match(status, /reservekopie\.json: Dit is een reservekopie, geen gedeeld bestand/);
  assert.match(status, /nieuwer\.json: Dit bestand is gemaakt met een nieuwere versie/);
  // The file with one damaged record is kept, with the reason on its line.
  const line = page.getByRole("row", { name: /collega-5\.json/ });
  assert.match(await line.innerText().then(plain), /Onderdeel 2 is beschadigd/);

  // Reflectie view (the default): mentoraat, figures computed here.
  const counts = SCALE.map((_, i) => MENTORAAT.filter((m) => m === i).length);
  const positions = MENTORAAT.map((m) => m + 1);
  const mean = positions.reduce((a, b) => a + b, 0) / positions.length;
  const sd = Math.sqrt(positions.reduce((a, p) => a + (p - mean) ** 2, 0) / positions.length);
  const dutch = (x) => x.toFixed(1).replace(".", ",");
  const section = page.locator("section.zb-summary-item", { has: page.getByRole("heading", { name: "Mentoraat", exact: true }) });
  const table = section.locator("table").first();
  const headers = await table.locator("thead th").allInnerTexts().then(plainAll);
  const cells = await table.locator("tbody td").allInnerTexts().then(plainAll);
  for (const [i, label] of LABELS.entries()) {
    assert.equal(cells[headers.indexOf(label)], String(counts[i]), label);
  }
  assert.equal(cells[headers.indexOf("Gemiddeld")], dutch(mean));
  assert.equal(cells[headers.indexOf("Spreiding")], dutch(sd));
  assert.match(await section.innerText().then(plain), /Hier lopen de antwoorden ver uiteen/);

  // The actions of the plan, by status, over the six colleagues (each sent
  // the example's actions; computed here from the example).
  const STATUS = { gepland: "Gepland", bezig: "Bezig", klaar: "Klaar", gestopt: "Gestopt" };
  const actionsOf = (item) => section.page().locator("section.zb-summary-item", { has: page.getByRole("heading", { name: item, exact: true }) })
    .locator("table", { has: page.locator("caption", { hasText: "Acties in het actieplan" }) });
  const planTable = actionsOf("Mentoraat");
  const planHeaders = await planTable.locator("thead th").allInnerTexts().then(plainAll);
  const planCells = await planTable.locator("tbody td").allInnerTexts().then(plainAll);
  for (const [id, label] of Object.entries(STATUS)) {
    assert.equal(planCells[planHeaders.indexOf(label)], String(6 * TEMPLATE.actions.mentoraat.filter((a) => a.status === id).length), label);
  }
  assert.match(await section.innerText().then(plain), /Acties in het actieplan \(6 reflecties met acties\)/);
  // Two colleagues plan for the SOP: fewer than five, no counts.
  const sopCells = await actionsOf("Het schoolondersteuningsprofiel (SOP)").locator("tbody td").allInnerTexts().then(plainAll);
  assert.deepEqual(sopCells, ["minder dan 5", "minder dan 5", "minder dan 5", "minder dan 5"]);

  // Fewer than five answers: no figures at all.
  const basis = page.locator("section.zb-summary-item", { has: page.getByRole("heading", { name: "Een sterke basis in de les", exact: true }) });
  const basisCells = await basis.locator("table").first().locator("tbody td").allInnerTexts().then(plainAll);
  assert.ok(basisCells.length > 0);
  // Counts say "minder dan 5"; mean and spread a dash ("te weinig antwoorden" for screen readers).
  assert.ok(basisCells.every((c) => c === "minder dan 5" || /^–\s*te weinig antwoorden$/.test(c)), basisCells.join("|"));
  assert.ok(basisCells.filter((c) => c === "minder dan 5").length >= 4);
  assert.equal(await basis.locator("svg").count(), 0, "no chart over fewer than five");

  // Markup in a text answer is shown as text, never run.
  await section.getByText("Hoe gaan we dat aanpakken?").first().click();
  await page.getByText(XSS, { exact: true }).waitFor();
  assert.equal(await page.evaluate(() => window.__xss), undefined);

  // The CSV of what is on screen: Dutch Excel settings, no formula can run.
  const { name, text } = await download(page, () => page.getByRole("button", { name: "CSV opslaan (voor Excel)" }).click());
  assert.match(name, /^zichtbaar-reflectie-.*\.csv$/);
  assert.ok(text.startsWith("\uFEFF"), "UTF-8 with BOM");
  const rows = text.slice(1).split("\r\n").filter(Boolean).map((r) => r.split(";"));
  assert.ok(rows.length > 10);
  for (const cell of rows.flat()) {
    const bare = cell.replace(/^"/, "");
    assert.ok(!/^[=+@\t\r]/.test(bare) && !/^-[^0-9]/.test(bare), `cell could run: ${cell}`);
  }
  const mentoraat = rows.filter((r) => r[0] === "Mentoraat" && LABELS.includes(r[3]));
  assert.deepEqual(mentoraat.map((r) => Number(r[4])), counts);
  const planRows = rows.filter((r) => r[0] === "Mentoraat" && r[1] === "Acties in het actieplan");
  assert.deepEqual(planRows.map((r) => [r[3], Number(r[4])]), Object.entries(STATUS).map(([id, label]) => [label, 6 * TEMPLATE.actions.mentoraat.filter((a) => a.status === id).length]));

  await context.close();
  app.assertClean();
});

test("the receipts view lists who confirmed and, against the SWV's list, who has not", async () => {
  const context = await app.newContext();
  await freezeClock(context);
  const page = await context.newPage();
  await page.goto(app.url + "verzamelen/?weergave=ontvangst");
  await appReady(page);
  await importAll(page);
  const school = RECEIPT.school.name;
  await page.getByRole("cell", { name: school }).or(page.getByRole("rowheader", { name: school })).first().waitFor();
  await page.getByLabel("Jullie lijst van scholen").fill(`${school}\nHet Andere College;99ZZ\n`);
  await page.getByRole("button", { name: "Vergelijken" }).click();
  await page.getByText("1 van de 2 scholen heeft nog niet bevestigd:").waitFor();
  assert.match(await page.locator(".zb-missing").innerText().then(plain), /Het Andere College \(99ZZ\)/);
  await context.close();
  app.assertClean();
});

test("the page opens on the view that fits what was read: the receipts when only receipts came", async () => {
  const context = await app.newContext();
  await freezeClock(context);
  const page = await context.newPage();
  await page.goto(app.url + "verzamelen/");
  await appReady(page);
  const pressed = () => page.locator('.zb-views__tab[aria-pressed="true"]').getAttribute("id");
  await importFiles(page, paths.filter((p) => p.endsWith("ontvangst.json")));
  assert.equal(await pressed(), "c-view-ontvangst");
  await page.getByRole("cell", { name: RECEIPT.school.name }).or(page.getByRole("rowheader", { name: RECEIPT.school.name })).first().waitFor();
  // Reflections as well: the view stays where it is.
  await importFiles(page, paths.filter((p) => p.endsWith("collega-1.json")));
  assert.equal(await pressed(), "c-view-ontvangst");
  // A view chosen by the user, or in the address, is kept.
  await page.getByRole("button", { name: "Reflecties", exact: true }).click();
  await page.waitForURL(/weergave=reflectie/);
  await page.goto(app.url + "verzamelen/?weergave=routekaart");
  await appReady(page);
  await page.waitForFunction(() => document.querySelector("#c-results")?.getAttribute("data-records") === "2");
  assert.equal(await pressed(), "c-view-routekaart");
  await context.close();
  app.assertClean();
});

test("the collection survives a reload and works offline; one file or everything can be removed", async () => {
  const context = await app.newContext();
  await freezeClock(context);
  const page = await context.newPage();
  await page.goto(app.url + "verzamelen/");
  await appReady(page);
  await importAll(page);
  assert.equal(await records(page), "7");
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null || (navigator.serviceWorker.ready && false), null, { timeout: 1000 }).catch(() => {});
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await appReady(page);
  await page.waitForFunction(() => document.querySelector("#c-results")?.getAttribute("data-records") === "7");
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 15000 });

  await context.setOffline(true);
  await page.reload();
  await appReady(page);
  await page.waitForFunction(() => document.querySelector("#c-results")?.getAttribute("data-records") === "7");
  await context.setOffline(false);

  // Removing the receipt's file leaves six.
  await page.getByRole("button", { name: "ontvangst.json verwijderen" }).click();
  await page.waitForFunction(() => document.querySelector("#c-results")?.getAttribute("data-records") === "6");
  // Emptying asks first.
  await page.getByRole("button", { name: "Alles wissen" }).click();
  await page.getByRole("button", { name: "Nee, bewaren" }).click();
  assert.equal(await records(page), "6");
  await page.getByRole("button", { name: "Alles wissen" }).click();
  await page.getByRole("button", { name: "Ja, alles wissen" }).click();
  await page.waitForFunction(() => document.querySelector("#c-results")?.getAttribute("data-records") === "0");
  await page.reload();
  await appReady(page);
  await page.getByText("Er zijn nog geen bestanden ingelezen").waitFor();
  await context.close();
  app.assertClean();
});

test("a 50 MB file and a file of 10,000 exports: no crash, a clear line for each", async () => {
  const big = join(dir, "heel-groot.json");
  // Valid JSON, 50 MB, but not an export: read in full, then refused.
  writeFileSync(big, JSON.stringify({ format: "iets-anders", pad: "x".repeat(50_000_000) }));
  const many = join(dir, "tienduizend.json");
  const receipts = Array.from({ length: 10000 }, (_, n) => ({ ...RECEIPT, id: id(100000 + n), school: { name: `School ${n % 400}`, brin: "" } }));
  writeFileSync(many, exportFile(receipts));
  const context = await app.newContext();
  await freezeClock(context);
  const page = await context.newPage();
  await page.goto(app.url + "verzamelen/?weergave=ontvangst");
  await appReady(page);
  await page.locator("#c-files-input").setInputFiles([big, many]);
  await page.waitForFunction(() => document.querySelector("#c-status")?.textContent.startsWith("Klaar"), null, { timeout: 120000 });
  const status = await page.locator("#c-status").innerText().then(plain);
  assert.match(status, /1 van de 2 bestanden ingelezen, met 10000 reflecties en bevestigingen/);
  assert.match(status, /heel-groot\.json: Dit is geen bestand dat Zichtbaar heeft gemaakt/);
  assert.equal(await records(page), "10000");
  // The list shows the first 500 and says so.
  assert.match(await page.locator("#c-results").innerText().then(plain), /de eerste 500 van de 10000 bevestigingen/);
  await context.close();
  rmSync(big);
  app.assertClean();
});

test("the view and the filters are in the address: a reload opens the same", async () => {
  const context = await app.newContext();
  await freezeClock(context);
  const page = await context.newPage();
  await page.goto(app.url + "verzamelen/");
  await appReady(page);
  await importAll(page);
  await page.getByRole("button", { name: "Ontvangst", exact: true }).click();
  await page.waitForURL(/weergave=ontvangst/);
  // Focus stays on the button pressed, and the change is announced.
  assert.equal(await page.evaluate(() => document.activeElement?.id), "c-view-ontvangst");
  assert.match(await page.locator("#c-status").innerText().then(plain), /1 bevestiging met deze keuze/);
  await page.getByLabel("Schooljaar").selectOption("2026-2027");
  await page.waitForURL(/jaar=2026-2027/);
  await page.reload();
  await appReady(page);
  await page.waitForFunction(() => document.querySelector("#c-results")?.getAttribute("data-records") === "7");
  assert.equal(await page.getByRole("button", { name: "Ontvangst", exact: true }).getAttribute("aria-pressed"), "true");
  assert.equal(await page.getByLabel("Schooljaar").inputValue(), "2026-2027");
  await context.close();
  app.assertClean();
});

test("a dropped folder is read with its subfolders; other files are skipped, a file over 60 MB is refused", async () => {
  const folder = join(dir, "gedeeld");
  mkdirSync(join(folder, "team-b"), { recursive: true });
  writeFileSync(join(folder, "collega-a.json"), exportFile([reflection(201, 1)]));
  writeFileSync(join(folder, "team-b", "collega-b.json"), exportFile([reflection(202, 2)]));
  writeFileSync(join(folder, "team-b", "collega-c.json"), exportFile([reflection(203, 3)]));
  writeFileSync(join(folder, "notities.txt"), "geen export");
  writeFileSync(join(folder, "te-groot.json"), " ".repeat(61_000_000));
  const context = await app.newContext();
  await freezeClock(context);
  const page = await context.newPage();
  await page.goto(app.url + "verzamelen/");
  await appReady(page);
  // A real drop of a folder from the desktop, as the browser gets it.
  const box = await page.locator("#c-drop").boundingBox();
  const cdp = await context.newCDPSession(page);
  const at = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const data = { items: [], files: [folder], dragOperationsMask: 1 };
  for (const type of ["dragEnter", "dragOver", "drop"]) await cdp.send("Input.dispatchDragEvent", { type, ...at, data });
  await page.waitForFunction(() => document.querySelector("#c-status")?.textContent.startsWith("Klaar"), null, { timeout: 30000 });
  const status = await page.locator("#c-status").innerText().then(plain);
  assert.match(status, /3 van de 4 bestanden ingelezen, met 3 reflecties en bevestigingen/);
  assert.match(status, /1 bestand is overgeslagen, omdat de naam niet op \.json of \.eml eindigt/);
  assert.match(status, /te-groot\.json: Dit bestand is te groot \(61 MB\)/);
  assert.equal(await records(page), "3");
  const list = await page.locator("#c-files").innerText().then(plain);
  for (const name of ["collega-a.json", "collega-b.json", "collega-c.json"]) assert.match(list, new RegExp(name.replace(".", "\\.")));
  await context.close();
  rmSync(folder, { recursive: true, force: true });
  app.assertClean();
});
