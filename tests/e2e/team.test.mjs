// Sharing with a colleague or team leader is its own choice, with its own
// words; the team leader reads the colleagues' reflections side by side, a
// column each, with their actions in full.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { writeFile, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startApp, appReady, ROOT } from "./support.mjs";
import { ReflectiePage, SharePanel, freezeClock, download, plain, seedStorage, mailBody } from "./pages.mjs";

let app;
let dir;
before(async () => {
  app = await startApp();
  dir = await mkdtemp(join(tmpdir(), "zb-team-"));
});
after(async () => {
  await app?.close();
});

const STORED = JSON.parse(readFileSync(join(ROOT, "crates/zichtbaar-core/tests/data/stored-v2-reflection.json"), "utf8"));

/** A colleague's personal reflection of this school year, as stored, with its own id and a word of its own. */
function colleague(n) {
  const stored = structuredClone(STORED);
  stored.record.id = `${n.toString(16).padStart(8, "0")}-2222-4222-8222-${n.toString(16).padStart(12, "0")}`;
  stored.record.schoolYear = "2026-2027";
  stored.record.updated = `2026-11-${String(10 + n).padStart(2, "0")}`;
  stored.record.body.reflection.perspective = "persoonlijk";
  stored.record.body.reflection.answers["mentoraat/aanpak"] = { text: `Aanpak van collega ${n}.` };
  return stored;
}

test("five colleagues share with their team leader; the team view shows them side by side with their actions", async () => {
  const files = [];
  // The first colleague goes the whole way from the reflection.
  {
    const context = await app.newContext();
    await freezeClock(context);
    const page = await context.newPage();
    const r = new ReflectiePage(page, app.url);
    await r.open("?onderdeel=mentoraat");
    await r.choice("Geborgd").check();
    await r.textbox("Zo hebben wij het georganiseerd").fill("Elke mentor spreekt elke leerling.");
    await page.getByRole("button", { name: "Actie toevoegen" }).click();
    await page.locator(".zb-plan__action").last().getByLabel("Wat gaan we doen?").fill("Intervisie voor mentoren");
    await r.waitSaved();
    await r.overview().getByRole("link", { name: "Delen met een collega of je teamleider" }).click();
    await page.waitForURL(/\/delen\/\?record=.*&met=team/);
    const share = new SharePanel(page);
    await share.waitOpen();
    assert.equal(await page.getByRole("radio", { name: "Met een collega of je teamleider, om samen te bespreken" }).isChecked(), true);
    // Its own words: no SWV in the mail, which goes to no address.
    const href = await share.mailLink().getAttribute("href");
    assert.ok(href.startsWith("mailto:?subject="), href);
    assert.doesNotMatch(mailBody(href), /samenwerkingsverband|Koers VO/);
    assert.match(mailBody(href), /^Hoi,/);
    await page.getByLabel("Je naam voor je collega (niet verplicht)").fill("Anna");
    await page.waitForFunction(() => document.getElementById("zb-share-json")?.textContent.includes('"name": "Anna"'));
    const shown = JSON.parse(await share.fileText());
    assert.equal(shown.formatVersion, 3);
    assert.deepEqual(shown.records[0].team, { name: "Anna" });
    const file = await download(page, () => share.button("Bestand downloaden").click());
    assert.equal(file.text, await share.fileText());
    assert.match(file.name, /^zichtbaar-reflectie-team-anna-2026-11-23-[0-9a-f]{8}\.json$/);
    assert.match(await share.status().innerText(), /Stuur het als bijlage naar je collega\./);
    files.push(file);
    // Back to the SWV: the name leaves the file.
    await page.getByRole("radio", { name: "Met Koers VO" }).check();
    await page.waitForFunction(() => !document.getElementById("zb-share-json")?.textContent.includes('"team"'));
    assert.equal(JSON.parse(await share.fileText()).formatVersion, 2);
    await context.close();
  }
  // Four more, from their own devices: three give a name, one does not.
  for (const [n, name] of [[2, "Bram"], [3, ""], [4, "Chris (wiskunde)"], [5, "Dewi"]]) {
    const context = await app.newContext();
    await freezeClock(context);
    const stored = colleague(n);
    await context.addInitScript(seedStorage(`zichtbaar.record.${stored.record.id}`, JSON.stringify(stored)));
    const page = await context.newPage();
    await page.goto(`${app.url}delen/?record=${stored.record.id}&met=team`);
    const share = new SharePanel(page);
    await share.waitOpen();
    if (name) {
      await page.getByLabel("Je naam voor je collega (niet verplicht)").fill(name);
      await page.waitForFunction((n) => document.getElementById("zb-share-json")?.textContent.includes(JSON.stringify(n)), name);
    }
    files.push(await download(page, () => share.button("Bestand downloaden").click()));
    await context.close();
  }
  assert.equal(new Set(files.map((f) => f.name)).size, 5, files.map((f) => f.name).join("\n"));

  // The team leader reads the five files.
  const context = await app.newContext();
  await freezeClock(context);
  const page = await context.newPage();
  await page.goto(`${app.url}verzamelen/`);
  await appReady(page);
  const paths = [];
  for (const f of files) {
    const path = join(dir, f.name);
    await writeFile(path, f.text);
    paths.push(path);
  }
  await page.locator("#c-files-input").setInputFiles(paths);
  await page.waitForFunction(() => /Klaar/.test(document.querySelector("#c-status")?.textContent));
  // Only team shares came: the team view opens by itself.
  assert.equal(await page.locator("#c-view-team").getAttribute("aria-pressed"), "true");
  const report = page.locator(".zb-report");
  assert.match(await report.innerText().then(plain), /5 collega's: Bram, collega 1, Chris \(wiskunde\), Dewi, Anna\./);
  // Mentoraat: a column each, oldest reflection first (Anna wrote hers today).
  const mentoraat = report.locator(".zb-team__item").filter({ has: page.getByRole("heading", { name: "Mentoraat", exact: true }) });
  const heads = await mentoraat.locator("thead th").allInnerTexts();
  assert.deepEqual(heads.map(plain), ["Vraag", "Bram", "collega 1", "Chris (wiskunde)", "Dewi", "Anna"]);
  const rows = mentoraat.locator("tbody tr");
  const cells = async (label) => (await rows.filter({ has: page.getByRole("rowheader", { name: label }) }).locator("td").allInnerTexts()).map(plain);
  const first = await cells("Waar staan wij? En hoe hebben wij het bij ons georganiseerd?");
  assert.match(first[4], /Geborgd\s*Elke mentor spreekt elke leerling\./);
  assert.match(first[0], /Grotendeels gerealiseerd/);
  const aanpak = await cells("Hoe gaan we dat aanpakken?");
  assert.deepEqual(aanpak, ["Aanpak van collega 2.", "Aanpak van collega 3.", "Aanpak van collega 4.", "Aanpak van collega 5.", "Geen antwoord"]);
  // Actions in full, not counted, although fewer than 5 colleagues have them here.
  const actions = await cells("Acties in het actieplan");
  assert.match(actions[4], /Intervisie voor mentoren\s*Wie: nog niet gekozen · klaar in: nog geen datum · Gepland/);
  assert.match(actions[0], /Mentorgesprekken met elke leerling in de eerste zes weken\s*Wie: mentoren · klaar in: oktober 2027 · Gepland · uit 2026-2027/);
  assert.doesNotMatch(await report.innerText(), /minder dan 5/);
  // Items nobody answered are not drawn, only named in one line.
  assert.equal(await report.locator(".zb-team__item").count(), 2);
  assert.match(await report.locator(".zb-team__unanswered").innerText().then(plain), /^Niemand vulde in \(10\): Onderwijsbehoeften centraal/);
  await context.close();
  app.assertClean();
});
