// The user journeys that run in every engine (tests/e2e/engines.test.mjs):
// one entry each, written once against the small driver in drivers.mjs.
// Chromium also runs the whole suite in tests/e2e/*.test.mjs; these are the
// journeys that must hold in Firefox and Safari's engine too.
//
// A journey gets `j`: { url, engine, session(), server, deploy(), tmp } and
// fails by throwing. It does not freeze the clock (classic WebDriver cannot),
// so nothing here depends on today's date except through the app itself.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ICAL from "ical.js";
import { ROOT } from "../support.mjs";

/** An XPath string literal for `s`, whatever quotes it holds. */
function literal(s) {
  if (!s.includes('"')) return `"${s}"`;
  if (!s.includes("'")) return `'${s}'`;
  return `concat(${s.split('"').map((p) => `"${p}"`).join(`, '"', `)})`;
}

/**
 * An element's text as read, in XPath: without the soft hyphens (U+00AD)
 * the build puts in long instrument words.
 */
const READ = `normalize-space(translate(., "\u00ad", ""))`;

/** The form field labelled `label` (by <label for>, or inside its <label>). */
export const field = (label) =>
  `(//*[@id=//label[${READ}=${literal(label)}]/@for] | //label[${READ}=${literal(label)}]//input)`;
/** A radio or checkbox's label, to click as a user does (the input itself may be drawn over). */
export const choice = (label) => `//label[${READ}=${literal(label)}]`;
export const button = (name) => `//button[${READ}=${literal(name)}]`;
export const link = (name) => `//a[${READ}=${literal(name)}]`;

const HOW = "Zo hebben wij het georganiseerd";
const KEEP = "Wat houden we erin? Wat willen we volgend jaar anders?";
const PLAN = "Hoe gaan we dat aanpakken?";
const saved = () => document.querySelector("[role=status]")?.textContent.startsWith("Opgeslagen");
const controlled = () => navigator.serviceWorker?.controller != null;

const SCALE = ["nog-niet-zichtbaar", "in-ontwikkeling", "grotendeels-gerealiseerd", "geborgd"];
const LABELS = ["Nog niet zichtbaar", "In ontwikkeling", "Grotendeels gerealiseerd", "Geborgd"];

async function fillReceipt(tab) {
  await tab.type(field("Naam van de school (verplicht)"), "Voorbeeldcollege");
  await tab.type(field("BRIN-code (niet verplicht)"), "12ab");
  await tab.click(field("Ondersteuningscoördinator"));
  await tab.click(field("Ja, onze school heeft de handreiking ontvangen."));
  await tab.click(field("Nog niet"));
  await tab.type(field("Wat vind je van de handreiking? (niet verplicht)"), "Handzaam. Mail gerust naar j.jansen@school.nl.");
}

/** A new session's tab with the receipt filled in and its send step open; returns the tab. */
async function receiptToSend(j) {
  const { tab } = await j.session();
  await tab.open(`${j.url}ontvangst/`);
  await fillReceipt(tab);
  await tab.click(button("Verder naar versturen"));
  await tab.waitFor(() => location.pathname.endsWith("/delen/") && document.getElementById("zb-share-json"), null, { what: "the share panel" });
  await tab.ready();
  return tab;
}

export const JOURNEYS = [
  {
    name: "reflect: what was typed survives a reload and a closed tab, right after the last keystroke",
    async run(j) {
      const s = await j.session();
      const a = s.tab;
      await a.open(`${j.url}reflectie/`);
      assert.equal(await a.text("main h1"), "Ondersteuningsstructuur op school");
      assert.equal(await a.count("article textarea"), 3);
      await a.type(field(HOW), "Vaste lesopbouw in alle klassen");
      await a.reload(); // no waiting: the autosave delay has not passed
      await a.ready();
      assert.equal(await a.value(field(HOW)), "Vaste lesopbouw in alle klassen");
      await a.waitFor(saved, null, { what: "Opgeslagen" });

      // A second tab stays open, so closing the first does not end the browser.
      const b = await s.newTab();
      await a.type(field(PLAN), "Werkgroep start in januari");
      await a.close();
      await b.open(`${j.url}reflectie/`);
      assert.equal(await b.value(field(PLAN)), "Werkgroep start in januari");
      assert.equal(await b.value(field(HOW)), "Vaste lesopbouw in alle klassen");
    },
  },
  {
    name: "receipt: an incomplete form shows what to fix with links to each field; a complete one is kept",
    async run(j) {
      const { tab } = await j.session();
      await tab.open(`${j.url}ontvangst/`);
      await tab.click(button("Verder naar versturen"));
      await tab.waitFor(() => document.activeElement?.id === "r-errors", null, { what: "focus on the error summary" });
      const links = await tab.eval(() => [...document.querySelectorAll("#r-errors a")].map((a) => a.textContent.trim()));
      assert.deepEqual(links, ["Vul de naam van de school in.", "Vink aan dat jullie de handreiking hebben ontvangen."]);
      await tab.click(link("Vul de naam van de school in."));
      await tab.waitFor(() => document.activeElement?.id === "r-school", null, { what: "focus on the school's name" });
      assert.equal(await tab.url(), `${j.url}ontvangst/`);

      await fillReceipt(tab);
      await tab.waitFor(() => document.getElementById("zb-save-text")?.textContent.startsWith("Opgeslagen"), null, { what: "Opgeslagen" });
      await tab.reload();
      await tab.ready();
      assert.equal(await tab.value(field("Naam van de school (verplicht)")), "Voorbeeldcollege");
      assert.equal(await tab.checked(field("Ja, onze school heeft de handreiking ontvangen.")), true);
    },
  },
  {
    name: "share: the downloaded file holds exactly what the preview shows, without the e-mail address",
    async run(j) {
      const tab = await receiptToSend(j);
      const shown = await tab.eval(() => document.getElementById("zb-share-json").textContent);
      await tab.catchFiles();
      await tab.click("//details[contains(@class, 'zb-share__other')]/summary");
      await tab.click("//*[contains(@class, 'zb-share')]//button[normalize-space(.)='Bestand downloaden']");
      const file = await tab.file();
      assert.equal(file.name, `zichtbaar-ontvangst-voorbeeldcollege-12ab-${JSON.parse(shown).exported}-${JSON.parse(shown).records[0].id.slice(0, 8)}.json`);
      assert.equal(file.text, shown, "the file differs from the preview");
      const [record] = JSON.parse(file.text).records;
      assert.deepEqual(record.school, { name: "Voorbeeldcollege", brin: "12AB" });
      assert.equal(record.receipt.reactions, "Handzaam. Mail gerust naar [e-mailadres weggelaten].");
      await tab.waitFor(() => /staat in je downloads/.test(document.getElementById("zb-share-status")?.textContent), null, { what: "the share status" });
    },
  },
  {
    name: "send by mail: the receipt's mail carries it, and its text typed into /verzamelen reads as the same record",
    async run(j) {
      const tab = await receiptToSend(j);
      const shown = JSON.parse(await tab.eval(() => document.getElementById("zb-share-json").textContent));
      // The main way is the mail to the SWV; the link is read, not followed (no mail program here).
      const href = await tab.eval(() => document.querySelector(".zb-share__main a#zb-share-mail")?.getAttribute("href"));
      assert.ok(href?.startsWith("mailto:bevestiging@koersvo.example?subject="), href);
      assert.ok(href.length <= 2000, `${href.length} characters`);
      const body = decodeURIComponent(href.split("&body=")[1]);
      assert.match(body, /^Beste Koers VO,/);
      await tab.open(`${j.url}verzamelen/`);
      await tab.click("//details[contains(@class, 'zb-paste')]/summary");
      await tab.type(field("Tekst van e-mails met een bevestiging of reflectie"), body);
      await tab.click(button("Geplakte tekst inlezen"));
      await tab.waitFor(() => document.querySelector("#c-status")?.textContent.startsWith("Klaar"), null, { timeout: 30000, what: "Klaar" });
      assert.match(await tab.text("#c-status"), /1 van de 1 bestand ingelezen, met 1 reflectie of bevestiging/);
      // Only a receipt came: the receipts view, with the school.
      assert.equal(await tab.eval(() => document.getElementById("c-view-ontvangst")?.getAttribute("aria-pressed")), "true");
      assert.equal(await tab.eval(() => document.querySelector("#c-results").getAttribute("data-records")), "1");
      assert.match(await tab.text("#c-results"), /Voorbeeldcollege/);
      assert.equal(shown.records[0].school.name, "Voorbeeldcollege");
    },
  },
  {
    name: "collect: shared files are read on /verzamelen and the figures match ones computed here",
    async run(j) {
      const template = JSON.parse(readFileSync(join(ROOT, "docs/examples/export-reflection.json"), "utf8")).records[0];
      const ratings = [0, 1, 1, 3, 2, 3];
      const paths = ratings.map((m, n) => {
        const record = {
          ...template,
          id: `00000000-0000-4000-8000-${String(n + 1).padStart(12, "0")}`,
          answers: { "mentoraat/waar-staan-wij": { scale: SCALE[m] } },
        };
        const path = join(j.tmp, `collega-${n + 1}.json`);
        writeFileSync(path, JSON.stringify({ format: "zichtbaar-export", formatVersion: 2, exported: "2027-03-14", records: [record] }));
        return path;
      });
      const broken = join(j.tmp, "kapot.json");
      writeFileSync(broken, "Dit is geen JSON.");
      const { tab } = await j.session();
      await tab.open(`${j.url}verzamelen/`);
      await tab.setFiles("#c-files-input", [...paths, broken]);
      await tab.waitFor(() => document.querySelector("#c-status")?.textContent.startsWith("Klaar"), null, { timeout: 30000, what: "Klaar" });
      assert.equal(await tab.eval(() => document.querySelector("#c-results").getAttribute("data-records")), String(ratings.length));
      assert.match(await tab.text("#c-status"), /6 van de 7 bestanden ingelezen[\s\S]*kapot\.json: Dit is geen bestand dat Zichtbaar heeft gemaakt/);
      const table = await tab.eval(() => {
        const section = [...document.querySelectorAll("section.zb-summary-item")].find((s) =>
          [...s.querySelectorAll("h2, h3, h4")].some((h) => h.textContent.trim() === "Mentoraat"),
        );
        const t = section.querySelector("table");
        const read = (c) => c.textContent.replaceAll("\u00ad", "").trim();
        return {
          headers: [...t.querySelectorAll("thead th")].map(read),
          cells: [...t.querySelectorAll("tbody td")].map(read),
        };
      });
      const positions = ratings.map((m) => m + 1);
      const mean = positions.reduce((x, y) => x + y, 0) / positions.length;
      for (const [i, label] of LABELS.entries()) {
        assert.equal(table.cells[table.headers.indexOf(label)], String(ratings.filter((m) => m === i).length), label);
      }
      assert.equal(table.cells[table.headers.indexOf("Gemiddeld")], mean.toFixed(1).replace(".", ","));
    },
  },
  {
    name: "team: a reflection shared with a colleague under a chosen name is read in the team view",
    async run(j) {
      const { tab } = await j.session();
      await tab.open(`${j.url}reflectie/?onderdeel=mentoraat`);
      await tab.click(choice("Geborgd"));
      await tab.type(field(HOW), "Elke mentor spreekt elke leerling.");
      await tab.waitFor(saved, null, { what: "Opgeslagen" });
      await tab.click(link("Delen met een collega of je teamleider"));
      await tab.waitFor(() => location.pathname.endsWith("/delen/") && document.getElementById("zb-share-json"), null, { what: "the share panel" });
      await tab.ready();
      assert.equal(await tab.checked(field("Met een collega of je teamleider, om samen te bespreken")), true);
      await tab.type(field("Je naam voor je collega (niet verplicht)"), "Anna");
      await tab.waitFor(() => document.getElementById("zb-share-json")?.textContent.includes('"name": "Anna"'), null, { what: "the name in the file" });
      const shown = await tab.eval(() => document.getElementById("zb-share-json").textContent);
      await tab.catchFiles();
      await tab.click(button("Bestand downloaden"));
      const file = await tab.file();
      assert.equal(file.text, shown, "the file differs from the preview");
      assert.match(file.name, /^zichtbaar-reflectie-team-anna-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.json$/);
      const path = join(j.tmp, file.name);
      writeFileSync(path, file.text);
      await tab.open(`${j.url}verzamelen/`);
      await tab.setFiles("#c-files-input", [path]);
      await tab.waitFor(() => document.querySelector("#c-status")?.textContent.startsWith("Klaar"), null, { timeout: 30000, what: "Klaar" });
      assert.equal(await tab.eval(() => document.getElementById("c-view-team")?.getAttribute("aria-pressed")), "true");
      const report = await tab.text(".zb-report");
      assert.match(report, /1 collega: Anna\./);
      assert.match(report, /Geborgd\s*Elke mentor spreekt elke leerling\./);
    },
  },
  {
    name: "offline: after one visit every page opens with no network, by deep link with and without its slash",
    async run(j) {
      const { tab } = await j.session();
      await tab.open(`${j.url}reflectie/`);
      await tab.type(field(PLAN), "Offline verder");
      await tab.waitFor(saved, null, { what: "Opgeslagen" });
      await tab.waitFor(controlled, null, { what: "a service worker in control" });
      j.server.setOffline(true);
      try {
        for (const [path, heading] of [
          ["", /Passend onderwijs zichtbaar maken/],
          ["ontvangst", /Ontvangst van de handreiking bevestigen/],
          ["verzamelen", /Gedeelde reflecties lezen/],
          ["privacy", /Privacy en opslag/],
          ["reflectie", /Ondersteuningsstructuur op school/],
        ]) {
          for (const to of path ? [path, `${path}/`] : [""]) {
            await tab.open(j.url + to);
            assert.match(await tab.text("main h1"), heading, to);
            assert.equal(await tab.url(), path ? `${j.url}${path}/` : j.url, `${to} did not end at the folder`);
          }
        }
        assert.equal(await tab.value(field(PLAN)), "Offline verder");
        await tab.type(field(PLAN), ", en nog meer");
        await tab.reload();
        await tab.ready();
        assert.equal(await tab.value(field(PLAN)), "Offline verder, en nog meer");
      } finally {
        j.server.setOffline(false);
      }
    },
  },
  {
    name: "backup: a backup of everything, a wiped device, and the backup restored",
    async run(j) {
      const { tab } = await j.session();
      await tab.open(`${j.url}reflectie/`);
      await tab.type(field(PLAN), "Uit de reservekopie");
      await tab.waitFor(saved, null, { what: "Opgeslagen" });
      await tab.open(`${j.url}privacy/`);
      await tab.catchFiles();
      await tab.click(button("Reservekopie van alles downloaden"));
      const backup = await tab.file();
      assert.match(backup.name, /^zichtbaar-reservekopie-\d{4}-\d{2}-\d{2}\.json$/);
      assert.equal(JSON.parse(backup.text).records.length, 1);
      const path = join(j.tmp, backup.name);
      writeFileSync(path, backup.text);

      await tab.click(button("Alles van dit apparaat wissen"));
      await tab.click(button("Ja, alles wissen"));
      await tab.waitFor(() => /Alles is van dit apparaat gewist/.test(document.querySelector("#zb-wipe-status")?.textContent), null, { what: "gewist" });
      assert.equal(await tab.eval(() => Object.keys(localStorage).filter((k) => k.startsWith("zichtbaar.")).length), 0);
      await tab.open(`${j.url}reflectie/`);
      assert.equal(await tab.value(field(PLAN)), "");

      await tab.open(`${j.url}privacy/`);
      await tab.setFiles("#zb-restore-file", path);
      await tab.waitFor(() => document.getElementById("zb-restore-title"), null, { what: "the restore preview" });
      await tab.click(button("Gekozen onderdelen terugzetten"));
      await tab.waitFor(() => /1 onderdeel teruggezet/.test(document.querySelector("#zb-restore-status")?.textContent), null, { what: "teruggezet" });
      await tab.open(`${j.url}reflectie/`);
      assert.equal(await tab.value(field(PLAN)), "Uit de reservekopie");
    },
  },
  {
    name: "action plan: an action added by hand is listed in the Actieplan and its calendar file parses",
    async run(j) {
      const { tab } = await j.session();
      await tab.open(`${j.url}reflectie/?onderdeel=mentoraat`);
      await tab.click(button("Actie toevoegen"));
      await tab.waitFor(() => document.activeElement?.labels?.[0]?.textContent.replaceAll("\u00ad", "") === "Wat gaan we doen?", null, { what: "focus in the new action" });
      await tab.type("#" + (await tab.focusedId()), "Mentorgesprekken plannen");
      await tab.type(field("Wie (een rol)"), "mentoren");
      // The first month there is to choose: the calendar has the action on its last day.
      const due = await tab.eval((s) => findOne(s, true).options[1].value, field("Klaar in"));
      await tab.select(field("Klaar in"), due);
      await tab.waitFor(saved, null, { what: "Opgeslagen" });
      await tab.open(`${j.url}reflectie/?weergave=actieplan`);
      assert.match(await tab.text(".zb-plan-table tbody"), /Mentorgesprekken plannen/);
      await tab.catchFiles();
      await tab.click(button("Zet in je agenda (.ics)"));
      const file = await tab.file();
      assert.match(file.name, /^zichtbaar-actieplan-\d{4}-\d{4}\.ics$/);
      const calendar = new ICAL.Component(ICAL.parse(file.text));
      const events = calendar.getAllSubcomponents("vevent").map((e) => new ICAL.Event(e));
      const mine = events.find((e) => e.summary === "Actie: Mentorgesprekken plannen");
      assert.ok(mine, events.map((e) => e.summary).join(" | "));
      const [y, m] = due.split("-").map(Number);
      const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
      assert.equal(mine.startDate.toString(), `${due}-${String(last).padStart(2, "0")}`);
      assert.match(mine.description, /Wie: mentoren/);
    },
  },
  {
    name: "print: the document view prints the answers without the page around them",
    async run(j) {
      const { tab } = await j.session();
      await tab.open(`${j.url}reflectie/`);
      await tab.click(choice("Geborgd"));
      await tab.type(field(HOW), "Regel één");
      await tab.click(link("Alles op één pagina, om af te drukken"));
      await tab.waitFor(() => document.querySelector(".zb-document"), null, { what: "the document view" });
      assert.match(await tab.text(".zb-document"), /Geborgd\s*Regel één/);
      assert.equal(await tab.count(button("Afdrukken / opslaan als PDF")), 1);
      assert.ok((await tab.asPrinted()) > 0, "no print rules found");
      assert.equal(await tab.visible(".zb-header"), false, "the header prints");
      assert.equal(await tab.visible(".zb-document__actions"), false, "the buttons print");
      assert.equal(await tab.visible(".zb-document"), true);
    },
  },
  {
    name: "two tabs: each shows what the other typed, in one record",
    async run(j) {
      const s = await j.session();
      const a = s.tab;
      await a.open(`${j.url}reflectie/`);
      const b = await s.newTab();
      await b.open(`${j.url}reflectie/`);
      await a.type(field(HOW), "Uit tabblad A");
      await a.waitFor(saved, null, { what: "Opgeslagen in A" });
      await b.waitFor(([s, want]) => findOne(s, true).value === want, [field(HOW), "Uit tabblad A"], { what: "A's text in B" });
      await b.type(field(KEEP), "Uit tabblad B");
      await b.waitFor(saved, null, { what: "Opgeslagen in B" });
      await a.waitFor(([s, want]) => findOne(s, true).value === want, [field(KEEP), "Uit tabblad B"], { what: "B's text in A" });
      assert.equal(await a.value(field(HOW)), "Uit tabblad A");
      const records = await a.eval(() => Object.keys(localStorage).filter((k) => k.startsWith("zichtbaar.record.")).length);
      assert.equal(records, 1, "one record, not one per tab");
    },
  },
  {
    name: "update: a new deployment is offered in a banner, and applying it loses nothing typed",
    async run(j) {
      const { tab } = await j.session();
      await tab.open(`${j.url}reflectie/`);
      await tab.waitFor(controlled, null, { what: "a service worker in control" });
      const oldCache = await tab.eval(() => caches.keys().then((k) => k[0]));
      const restore = j.deploy("bbbbbbbb");
      try {
        await tab.eval(() => navigator.serviceWorker.getRegistration().then((reg) => reg.update()).then(() => true));
        await tab.waitFor(() => document.getElementById("zb-update")?.textContent.includes("Nieuwe versie beschikbaar"), null, { what: "the update banner" });
        assert.equal(await tab.eval(() => document.getElementById("zb-update").getAttribute("role")), "status");
        // 1280 × 1024 at 400 % zoom, as CSS pixels: the banner leaves the page most of the screen.
        // (WebKit's MiniBrowser cannot be made narrower than about 450 px.)
        const [w, h] = await tab.viewport(320, 256);
        assert.ok(h === 256 && w <= 460, `the viewport is ${w} × ${h}`);
        const height = await tab.eval(() => document.getElementById("zb-update").getBoundingClientRect().height);
        assert.ok(height <= h / 3, `at ${w} × ${h} the banner takes ${height} of ${h} px`);
        await tab.type(field(PLAN), "Net getypt");
        await tab.eval(() => (window.__zbBefore = true));
        await tab.click("//*[@id='zb-update']//button[normalize-space(.)='Herladen']");
        await tab.waitFor(() => !window.__zbBefore && document.querySelector("main h1"), null, { what: "the page reloaded" });
        await tab.ready();
        assert.equal(await tab.value(field(PLAN)), "Net getypt");
        await tab.waitFor(() => caches.keys().then((k) => k.length === 1 && k[0].endsWith("bbbbbbbb")), null, { what: "only the new cache" });
        assert.notEqual(await tab.eval(() => caches.keys().then((k) => k[0])), oldCache);
      } finally {
        restore();
      }
    },
  },
];
