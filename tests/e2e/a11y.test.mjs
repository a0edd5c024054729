// Accessibility, proven state by state (WCAG 2.1 AA / EN 301 549, and
// WCAG 2.2's target size). One list of states, STATES: each is reached in
// a fresh browser context, then checked at desktop width (1280×800), at
// 320×800 (a phone) and at 320×256 CSS px (1280×1024 zoomed to 400 %:
// Chromium lays a zoomed page out exactly like a viewport of that many CSS
// pixels, so the zoom is emulated by the viewport):
//   - axe-core, WCAG 2.0/2.1/2.2 A and AA and axe's best practices: no
//     violations (contrast included);
//   - lang="nl", exactly one h1, heading levels never skip a level downwards;
//   - every target at least 24×24 CSS px, or spaced as WCAG 2.2's 2.5.8
//     allows, or a link inside a sentence;
//   - every data table in a named, focusable scrolling region, every chart
//     hidden from screen readers beside a table with the same figures;
//   - no horizontal scrolling of the page at 320 px (1.4.10); only tables
//     scroll, in their own region.
// Screenshots of every state at 320 px and at desktop width (the whole
// page), and of the first screen at 400 %, go to /tmp/a11y-shots/ to be
// looked at.
// Then keyboard-only flows (no mouse at all), with a visible focus
// indicator at every stop and focus where a user expects it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse as parseToml } from "smol-toml";
import { startApp, appReady, DIST, ROOT, deployNewVersion } from "./support.mjs";
import { ReflectiePage, OntvangstPage, SharePanel, freezeClock, seedStorage, download, STORED_RECEIPT, importFiles, plain } from "./pages.mjs";

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
const SHOTS = "/tmp/a11y-shots";
const DESKTOP = { width: 1280, height: 800 };
const NARROW = { width: 320, height: 800 };
/** 1280×1024 at 400 % zoom. */
const ZOOMED = { width: 320, height: 256 };

let app;
let served; // a copy of dist/, so the update banner state can deploy a "new" build
let files; // fixtures for /verzamelen and /privacy
/** Per state and size: axe's violations and undecided rules, written to SHOTS/axe-summary.json. */
const summary = [];
before(async () => {
  served = mkdtempSync(join(tmpdir(), "zichtbaar-a11y-build-"));
  cpSync(DIST, served, { recursive: true });
  app = await startApp({ root: served });
  files = fixtures();
  rmSync(SHOTS, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
});
after(async () => {
  writeFileSync(join(SHOTS, "axe-summary.json"), JSON.stringify(summary, null, 1));
  await app?.close();
  rmSync(served, { recursive: true, force: true });
  rmSync(files?.dir ?? "/nonexistent", { recursive: true, force: true });
});

// ---------------------------------------------------------------------------
// Data the states need.

const TEMPLATE = JSON.parse(readFileSync(join(ROOT, "docs/examples/export-reflection.json"), "utf8")).records[0];
const RECEIPT_EXPORT = JSON.parse(readFileSync(join(ROOT, "docs/examples/export-receipt.json"), "utf8")).records[0];
const SCALE = ["nog-niet-zichtbaar", "in-ontwikkeling", "grotendeels-gerealiseerd", "geborgd"];
const uuid = (n) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const exportFile = (records) =>
  JSON.stringify({ format: "zichtbaar-export", formatVersion: 2, exported: "2027-03-14", records }, null, 2) + "\n";

function fixtures() {
  const dir = mkdtempSync(join(tmpdir(), "zichtbaar-a11y-"));
  const write = (name, text) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  // Six colleagues: enough for figures (five or more), with text answers.
  const colleagues = [0, 1, 1, 2, 3, 3].map((m, n) =>
    write(`collega-${n + 1}.json`, exportFile([{
      ...TEMPLATE,
      id: uuid(n + 1),
      answers: {
        "mentoraat/waar-staan-wij": { scale: SCALE[m] },
        "mentoraat/aanpak": { text: `Plan van collega ${n + 1}.` },
        "basis-in-de-les/waar-staan-wij": { scale: SCALE[(m + 1) % 4] },
      },
    }])),
  );
  const receipt = write("ontvangst.json", exportFile([RECEIPT_EXPORT]));
  const refused = write("geen-json.json", "Dit is geen JSON.");
  // For the import in progress: the first group of files (16) is read, the
  // ones named "later-" are held back until the test lets them go.
  const first = Array.from({ length: 16 }, (_, n) =>
    write(`eerst-${String(n).padStart(2, "0")}.json`, exportFile([{ ...TEMPLATE, id: uuid(100 + n) }])),
  );
  const held = [0, 1].map((n) => write(`later-${n}.json`, exportFile([{ ...TEMPLATE, id: uuid(200 + n) }])));
  const backup = write("reservekopie.json", JSON.stringify({
    format: "zichtbaar-backup",
    formatVersion: 1,
    exported: "2026-11-20",
    records: [STORED_RECEIPT],
  }));
  return { dir, colleagues, receipt, refused, inProgress: [...first, ...held], backup };
}

/** Last school year's reflection, with open and closed actions. */
const LAST_YEAR = {
  schema: 2,
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
          "mentoraat/waar-staan-wij": { scale: "in-ontwikkeling" },
          "mentoraat/houden-en-anders": { text: "Houden: mentoruur" },
        },
        actions: {
          mentoraat: [
            { id: "0000000a", what: "Mentorgesprekken plannen", who: "mentoren", due: "2026-10", status: "bezig" },
            { id: "0000000b", what: "Evalueren met de leerlingenraad", who: "teamleiders", status: "klaar" },
          ],
        },
      },
    },
  },
};
const seedLastYear = seedStorage(`zichtbaar.record.${LAST_YEAR.record.id}`, JSON.stringify(LAST_YEAR));

const FULL_STORAGE = () => {
  Storage.prototype.setItem = function () {
    throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
  };
};
const BLOCKED_STORAGE = () => {
  Object.defineProperty(window, "localStorage", {
    get() {
      throw new DOMException("Access is denied for this document.", "SecurityError");
    },
  });
};
/**
 * For the import in progress: every time slice looks used up (so the
 * progress is drawn after each file), and files named "later-" are read
 * only when `window.__zbRelease()` is called.
 */
const HOLD_IMPORT = () => {
  const now = performance.now.bind(performance);
  let skew = 0;
  performance.now = () => now() + (skew += 100);
  const gate = new Promise((resolve) => (window.__zbRelease = resolve));
  const read = Blob.prototype.arrayBuffer;
  Blob.prototype.arrayBuffer = function () {
    const reading = read.call(this);
    return this.name?.startsWith("later-") ? gate.then(() => reading) : reading;
  };
};

// ---------------------------------------------------------------------------
// How states are reached.

/**
 * The one way these tests reach the share step, of a reflection
 * (`kind` "reflectie", from its overview) or of a receipt ("ontvangst", the
 * form's last button). When sharing moves to a page of its own, change only
 * this function. With `keyboard`, only Tab and Enter are used.
 */
async function openShare(page, kind, { keyboard = false } = {}) {
  const target =
    kind === "reflectie"
      ? page.getByRole("navigation", { name: "Overzicht" }).getByRole("link", { name: "Delen met het samenwerkingsverband" })
      : page.getByRole("button", { name: "Verder naar versturen" });
  if (keyboard) {
    await tabUntil(page, () => target.evaluate((el) => el === document.activeElement), 80);
    await page.keyboard.press("Enter");
  } else {
    await target.click();
  }
  // The panel with its preview, or the word that there is nothing to share yet.
  await page.locator("#zb-share-json").or(page.getByText("Er is nog niets ingevuld om te delen.")).waitFor({ state: "attached" });
  if (keyboard) {
    // Focus starts at the share step's heading.
    await page.waitForFunction(() => /^H[12]$/.test(document.activeElement?.tagName) && /delen|versturen/i.test(document.activeElement.textContent));
  }
}

/** Opens the reflection with a few answers typed, saved. */
async function reflectionWithAnswers(page, query = "") {
  const r = await new ReflectiePage(page, app.url).open(query);
  await r.choice("Geborgd").check();
  await r.textbox("Zo hebben wij het georganiseerd").fill(
    "Vragen via zorg@voorbeeldcollege.nl of 06-12345678. Besproken met Sanne.",
  );
  await r.textbox("Hoe gaan we dat aanpakken?").fill("Werkgroep in januari");
  await r.waitSaved();
  return r;
}

/** Adds two actions to the item on screen (one of them late). */
async function addActions(page) {
  for (const [what, who, due] of [["Mentorgesprekken plannen", "mentoren", "2027-03"], ["Scholing gespreksvoering", "teamleiders", "2026-10"]]) {
    await page.getByRole("button", { name: "Actie toevoegen" }).click();
    const action = page.locator(".zb-plan__action").last();
    await action.getByLabel("Wat gaan we doen?").fill(what);
    await action.getByLabel("Wie (een rol)").fill(who);
    await action.getByLabel("Klaar in").selectOption(due);
  }
  await new ReflectiePage(page, app.url).waitSaved();
}

async function openVerzamelen(page, query = "") {
  await page.goto(`${app.url}verzamelen/${query}`);
  await appReady(page);
}

/** Every item of every instrument, from the instrument files. */
function items() {
  const dir = join(ROOT, "instruments");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".toml"))
    .sort()
    .flatMap((f) => {
      const inst = parseToml(readFileSync(join(dir, f), "utf8"));
      return inst.sections.flatMap((s) => s.items.map((item) => ({ instrument: inst.id, item: item.id })));
    });
}

/**
 * Every page and every state worth checking: a name, optional init
 * scripts for the context, and how to get there. `run` may return a
 * clean-up. A new state is added here, and only here.
 */
const STATES = [
  { name: "start", run: async ({ page }) => { await page.goto(app.url); await appReady(page); } },
  { name: "pagina niet gevonden", run: async ({ page }) => { await page.goto(app.url); await appReady(page); await page.evaluate(() => history.replaceState(null, "", "bestaat-niet")); await page.evaluate(() => dispatchEvent(new PopStateEvent("popstate"))); await page.getByText("Deze pagina bestaat niet").waitFor(); } },
  { name: "toegankelijkheid", run: async ({ page }) => { await page.goto(app.url + "toegankelijkheid/"); await appReady(page); } },
  ...items().map(({ instrument, item }) => ({
    name: `reflectie ${instrument} ${item}`,
    run: async ({ page }) => { await new ReflectiePage(page, app.url).open(`?instrument=${instrument}&onderdeel=${item}`); },
  })),
  {
    name: "reflectie, keuze voor handreiking, jaar en team geopend",
    run: async ({ page }) => { const r = await new ReflectiePage(page, app.url).open(); await r.openChooser(); },
  },
  {
    name: "reflectie, overzicht met dit jaar en vorig jaar",
    init: seedLastYear,
    run: async ({ page }) => {
      const r = await reflectionWithAnswers(page, "?onderdeel=mentoraat");
      await r.overview().getByText("Dit jaar en vorig jaar", { exact: true }).click();
    },
  },
  { name: "reflectie, document om af te drukken", run: async ({ page }) => { await reflectionWithAnswers(page); await page.goto(`${app.url}reflectie/?weergave=document`); await page.locator(".zb-document").waitFor(); } },
  {
    name: "reflectie, aanbod antwoorden van vorig jaar over te nemen",
    init: seedLastYear,
    run: async ({ page }) => { await new ReflectiePage(page, app.url).open(); await page.getByRole("button", { name: "Antwoorden van vorig jaar overnemen" }).waitFor(); },
  },
  { name: "opslaan, nog niets getypt", run: async ({ page }) => { await new ReflectiePage(page, app.url).open(); } },
  {
    // The status line has no "saving" text of its own: until the autosave
    // writes, it keeps saying that typing is saved by itself.
    name: "opslaan, bezig (net getypt)",
    run: async ({ page }) => { const r = await new ReflectiePage(page, app.url).open(); await r.textbox("Hoe gaan we dat aanpakken?").pressSequentially("Net", { delay: 5 }); },
  },
  { name: "opslaan, opgeslagen", run: async ({ page }) => { await reflectionWithAnswers(page); } },
  {
    name: "opslaan, opslag vol",
    init: FULL_STORAGE,
    run: async ({ page }) => {
      const r = await new ReflectiePage(page, app.url).open();
      await r.textbox("Hoe gaan we dat aanpakken?").fill("Dit mag niet verloren gaan");
      await page.waitForFunction(() => document.querySelector("[role=status]")?.textContent.startsWith("Niet opgeslagen"));
    },
  },
  { name: "opslaan, opslag geblokkeerd", init: BLOCKED_STORAGE, run: async ({ page }) => { await new ReflectiePage(page, app.url).open(); } },
  {
    name: "actieplan, acties onder een onderdeel",
    run: async ({ page }) => { await new ReflectiePage(page, app.url).open("?onderdeel=mentoraat"); await addActions(page); },
  },
  {
    name: "actieplan, overzicht van alle acties",
    run: async ({ page }) => {
      await new ReflectiePage(page, app.url).open("?onderdeel=mentoraat");
      await addActions(page);
      await page.getByRole("navigation", { name: "Overzicht" }).getByRole("link", { name: "Actieplan" }).click();
      await page.locator(".zb-plan-table").first().waitFor();
    },
  },
  {
    name: "actieplan, open acties van vorig jaar",
    init: seedLastYear,
    run: async ({ page }) => { await new ReflectiePage(page, app.url).open("?onderdeel=mentoraat"); await page.locator(".zb-plan__last").waitFor(); },
  },
  { name: "delen, nog niets ingevuld", run: async ({ page }) => { await new ReflectiePage(page, app.url).open(); await openShare(page, "reflectie"); } },
  {
    name: "delen, reflectie met voorbeeld",
    init: seedStorage(`zichtbaar.record.${STORED_RECEIPT.record.id}`, JSON.stringify(STORED_RECEIPT)),
    run: async ({ page }) => {
      await reflectionWithAnswers(page);
      await openShare(page, "reflectie");
      await page.getByLabel("Namen waar we op letten", { exact: true }).fill("Sanne");
      await page.getByLabel("Namen waar we op letten", { exact: true }).press("Tab");
      await page.waitForFunction(() => document.getElementById("zb-share-json").textContent.includes("[naam weggelaten]"));
    },
  },
  { name: "ontvangst, leeg formulier", run: async ({ page }) => { await new OntvangstPage(page, app.url).open(); } },
  {
    name: "ontvangst, fout bij een veld",
    run: async ({ page }) => { const o = await new OntvangstPage(page, app.url).open(); await o.field("BRIN-code (niet verplicht)").fill("1234"); await o.field("BRIN-code (niet verplicht)").press("Tab"); await page.locator("#r-brin-error").waitFor(); },
  },
  {
    name: "ontvangst, lijst met fouten",
    run: async ({ page }) => { const o = await new OntvangstPage(page, app.url).open(); await o.next(); await page.locator("#r-errors").waitFor(); },
  },
  {
    name: "ontvangst, helemaal ingevuld",
    run: async ({ page }) => { const o = await new OntvangstPage(page, app.url).open(); await o.fillComplete(); await page.waitForFunction(() => document.getElementById("zb-save-text")?.textContent.startsWith("Opgeslagen")); },
  },
  {
    name: "ontvangst, een tweede bevestiging op dit apparaat",
    run: async ({ page }) => {
      const o = await new OntvangstPage(page, app.url).open();
      await o.fillComplete();
      await page.waitForFunction(() => document.getElementById("zb-save-text")?.textContent.startsWith("Opgeslagen"));
      await page.getByRole("button", { name: "Nieuwe bevestiging beginnen" }).click();
      await page.getByRole("radio", { name: "Docent" }).check();
      await page.waitForTimeout(600);
      await o.open();
      await page.locator(".zb-form__list").waitFor();
    },
  },
  {
    name: "ontvangst, delen met voorbeeld",
    run: async ({ page }) => { const o = await new OntvangstPage(page, app.url).open(); await o.fillComplete(); await openShare(page, "ontvangst"); },
  },
  {
    name: "nieuwe versie beschikbaar",
    run: async ({ page }) => {
      await new ReflectiePage(page, app.url).open();
      await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 15000 });
      const undeploy = deployNewVersion(app.server, served, "cccccccc");
      await page.evaluate(() => navigator.serviceWorker.getRegistration().then((reg) => reg.update()));
      await page.locator("#zb-update").waitFor({ timeout: 15000 });
      return undeploy;
    },
  },
  { name: "privacy", run: async ({ page }) => { await page.goto(app.url + "privacy/"); await appReady(page); await page.waitForFunction(() => !document.getElementById("zb-storage-persisted")?.textContent.includes("opgevraagd")); } },
  {
    name: "privacy, wissen: eerst gevraagd",
    run: async ({ page }) => { await page.goto(app.url + "privacy/"); await appReady(page); await page.getByRole("button", { name: "Alles van dit apparaat wissen" }).click(); await page.getByRole("button", { name: "Ja, alles wissen" }).waitFor(); },
  },
  {
    name: "privacy, reservekopie terugzetten: voorbeeld",
    run: async ({ page }) => { await page.goto(app.url + "privacy/"); await appReady(page); await page.locator("#zb-restore-file").setInputFiles(files.backup); await page.locator("#zb-restore-title").waitFor(); },
  },
  { name: "verzamelen, leeg", run: async ({ page }) => { await openVerzamelen(page); } },
  {
    name: "verzamelen, bezig met inlezen",
    init: HOLD_IMPORT,
    run: async ({ page }) => {
      await openVerzamelen(page);
      await page.locator("#c-files-input").setInputFiles(files.inProgress);
      await page.waitForFunction(() => /Bezig met lezen: 16 van 18/.test(document.querySelector("#c-status")?.textContent ?? ""));
      return async () => {
        await page.evaluate(() => window.__zbRelease());
        await page.waitForFunction(() => document.querySelector("#c-status")?.textContent.startsWith("Klaar"));
      };
    },
  },
  {
    name: "verzamelen, reflecties ingelezen",
    run: async ({ page }) => {
      await openVerzamelen(page);
      await importFiles(page, [...files.colleagues, files.receipt], 30000);
      const mentoraat = page.locator("section.zb-summary-item", { has: page.getByRole("heading", { name: "Mentoraat", exact: true }) });
      await mentoraat.getByText("Hoe gaan we dat aanpakken?").first().click();
      await page.getByText("Plan van collega 1.").first().waitFor();
    },
  },
  {
    name: "verzamelen, ontvangst vergeleken met de lijst van scholen",
    run: async ({ page }) => {
      await openVerzamelen(page, "?weergave=ontvangst");
      await importFiles(page, [...files.colleagues, files.receipt], 30000);
      await page.getByLabel("Jullie lijst van scholen").fill(`${RECEIPT_EXPORT.school.name}\nHet Andere College;99ZZ\n`);
      await page.getByRole("button", { name: "Vergelijken" }).click();
      await page.locator(".zb-missing").waitFor();
    },
  },
  {
    name: "verzamelen, bestand geweigerd",
    run: async ({ page }) => { await openVerzamelen(page); await importFiles(page, [files.refused], 30000); },
  },
  {
    name: "verzamelen, alles wissen: eerst gevraagd",
    run: async ({ page }) => {
      await openVerzamelen(page);
      await importFiles(page, [files.receipt], 30000);
      await page.getByRole("button", { name: "Alles wissen" }).click();
      await page.getByRole("button", { name: "Ja, alles wissen" }).waitFor();
    },
  },
];

// ---------------------------------------------------------------------------
// The checks.

async function runAxe(page) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) {
    // Evaluated over the DevTools protocol: a <script> tag would be (rightly)
    // refused by the app's Content-Security-Policy.
    await page.evaluate(AXE_SOURCE);
  }
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations", "incomplete"] });
    // What axe could not decide (say, contrast over a background it cannot
    // compute) is kept for the summary, not failed on.
    window.__axeIncomplete = result.incomplete.map((v) => `${v.id} (${v.nodes.length})`);
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => `${n.target.join(" ")}${n.failureSummary ? `  (${n.failureSummary.replace(/\s+/g, " ").slice(0, 160)})` : ""}`),
    }));
  }, AXE_TAGS);
}

function describeViolations(violations) {
  return violations
    .map((v) => `  ${v.id} [${v.impact}] ${v.help}\n${v.targets.map((t) => `      ${t}`).join("\n")}`)
    .join("\n");
}

/** Language, headings, target size, tables and charts, in the page. Returns a list of problems. */
function structure(page) {
  return page.evaluate(() => {
    const problems = [];
    const visible = (el) => el.checkVisibility() && !el.closest("[aria-hidden=true], [inert]");
    if (document.documentElement.lang !== "nl") problems.push(`lang is "${document.documentElement.lang}"`);
    const h1s = [...document.querySelectorAll("h1, [role=heading][aria-level='1']")].filter(visible);
    if (h1s.length !== 1) problems.push(`${h1s.length} h1 elements`);
    const levels = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6, [role=heading]")]
      .filter(visible)
      .map((h) => ({ level: Number(h.getAttribute("aria-level") ?? h.tagName.slice(1)), text: h.textContent.trim().slice(0, 40) }));
    for (let i = 1; i < levels.length; i++) {
      if (levels[i].level > levels[i - 1].level + 1) {
        problems.push(`heading "${levels[i].text}" (h${levels[i].level}) follows an h${levels[i - 1].level}`);
      }
    }

    // 2.5.8 Target size (minimum): 24×24, or a 24 px circle on it touches no
    // other target or circle, or an inline link in a sentence.
    const describe = (el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""} "${(el.getAttribute("aria-label") ?? el.textContent).trim().slice(0, 40)}"`;
    const targets = [...document.querySelectorAll("a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex='-1'])")]
      .filter((el) => visible(el) && !el.disabled)
      .map((el) => {
        // A control's label is part of what can be clicked.
        let rects = [el.getBoundingClientRect()];
        if (el.labels) rects = rects.concat([...el.labels].filter(visible).map((l) => l.getBoundingClientRect()));
        const r = rects.filter((x) => x.width > 0 && x.height > 0).reduce((a, b) => ({
          left: Math.min(a.left, b.left), top: Math.min(a.top, b.top), right: Math.max(a.right, b.right), bottom: Math.max(a.bottom, b.bottom),
        }), { left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity });
        // A target that a scrolling box (the sticky overview) keeps wholly
        // out of view cannot be clicked: it is left out.
        let shown = r;
        for (let box = el.parentElement; box; box = box.parentElement) {
          const style = getComputedStyle(box);
          if (style.overflowX === "visible" && style.overflowY === "visible") continue;
          const b = box.getBoundingClientRect();
          shown = { left: Math.max(shown.left, b.left), top: Math.max(shown.top, b.top), right: Math.min(shown.right, b.right), bottom: Math.min(shown.bottom, b.bottom) };
        }
        if (shown.right <= shown.left || shown.bottom <= shown.top) return { el, r, w: 0, h: 0 };
        return { el, r, w: r.right - r.left, h: r.bottom - r.top };
      })
      .filter((t) => t.w > 1 && t.h > 1); // visually hidden inputs: their label is the target
    const inSentence = (el) => {
      if (getComputedStyle(el).display !== "inline") return false;
      const block = el.parentElement;
      const own = el.textContent.trim();
      return block.textContent.trim().length > own.length + 1;
    };
    const small = targets.filter((t) => (t.w < 23.5 || t.h < 23.5) && !inSentence(t.el));
    const centre = (t) => ({ x: (t.r.left + t.r.right) / 2, y: (t.r.top + t.r.bottom) / 2 });
    for (const t of small) {
      const c = centre(t);
      const clash = targets.find((o) => {
        if (o === t || o.el.contains(t.el) || t.el.contains(o.el)) return false;
        if (small.includes(o)) {
          const d = centre(o);
          return Math.hypot(c.x - d.x, c.y - d.y) < 24;
        }
        const nx = Math.max(o.r.left, Math.min(c.x, o.r.right));
        const ny = Math.max(o.r.top, Math.min(c.y, o.r.bottom));
        return Math.hypot(c.x - nx, c.y - ny) < 12;
      });
      if (clash) problems.push(`target ${describe(t.el)} is ${t.w.toFixed(0)}×${t.h.toFixed(0)} px and too close to ${describe(clash.el)}`);
    }

    // Data tables scroll in a named, focusable region of their own.
    for (const table of [...document.querySelectorAll("table")].filter(visible)) {
      const region = table.closest("[role=region][tabindex='0']");
      if (!region) problems.push(`table "${table.caption?.textContent.trim() ?? ""}" is not in a focusable region`);
      else if (!(region.getAttribute("aria-label") || region.getAttribute("aria-labelledby"))) problems.push(`table region without a name`);
      else if (!["auto", "scroll"].includes(getComputedStyle(region).overflowX)) problems.push(`table region does not scroll`);
    }
    // Charts: hidden from screen readers, with a table of the same figures beside them.
    for (const svg of document.querySelectorAll("svg")) {
      if (!svg.closest("[aria-hidden=true]")) problems.push("an svg that screen readers would meet");
      let up = svg.parentElement;
      for (let i = 0; i < 4 && up && !up.querySelector("table"); i++) up = up.parentElement;
      if (!up?.querySelector("table")) problems.push("a chart without a table beside it");
    }
    return problems;
  });
}

/** 1.4.10: nothing sticks out sideways, except what is inside a table's scrolling region. */
function reflow(page) {
  return page.evaluate(() => {
    const problems = [];
    const html = document.documentElement;
    if (html.scrollWidth > html.clientWidth + 1) problems.push(`page scrolls sideways: ${html.scrollWidth} > ${html.clientWidth}`);
    const width = html.clientWidth;
    for (const el of document.body.querySelectorAll("*")) {
      if (!el.checkVisibility()) continue;
      // Inside a table's scrolling region it may stick out, unless it is
      // positioned outside the region's reach.
      const region = el.closest("[role=region][tabindex='0']");
      const escapes = ["absolute", "fixed"].includes(getComputedStyle(el).position) && getComputedStyle(region ?? el).position === "static";
      if (region && region !== el && !escapes) continue;
      const r = el.getBoundingClientRect();
      if (r.bottom < -100) continue; // the skip link, waiting above the page
      if (r.right > width + 1 || r.left < -1) {
        problems.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}.${[...el.classList].join(".")} spans ${r.left.toFixed(0)}–${r.right.toFixed(0)}`);
      }
    }
    return problems.slice(0, 10);
  });
}

async function shot(page, state, size, fullPage = true) {
  const file = state.name.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "").toLowerCase();
  // From the top: a sticky part would otherwise be drawn where the scroll left it.
  if (fullPage) await page.evaluate(() => scrollTo(0, 0));
  await page.screenshot({ path: join(SHOTS, `${file}-${size}.png`), fullPage });
}

async function checkAt(page, state, size, viewport) {
  await page.setViewportSize(viewport);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const violations = await runAxe(page);
  summary.push({ state: state.name, size, violations: violations.map((v) => v.id), incomplete: await page.evaluate(() => window.__axeIncomplete) });
  assert.equal(violations.length, 0, `axe at ${size} on "${state.name}":\n${describeViolations(violations)}`);
  const problems = await structure(page);
  assert.deepEqual(problems, [], `structure at ${size} on "${state.name}"`);
  if (viewport.width <= 320) {
    assert.deepEqual(await reflow(page), [], `reflow at ${size} on "${state.name}"`);
  }
}

for (const state of STATES) {
  test(`a11y: ${state.name}`, async () => {
    const context = await app.newContext({ viewport: DESKTOP });
    await freezeClock(context);
    if (state.init) await context.addInitScript(state.init);
    const page = await context.newPage();
    const cleanUp = await state.run({ page, context });
    try {
      await checkAt(page, state, "1280×800", DESKTOP);
      await shot(page, state, "desktop");
      await checkAt(page, state, "320×800", NARROW);
      await shot(page, state, "320");
      await checkAt(page, state, "320×256 (400 % zoom)", ZOOMED);
      await shot(page, state, "400pct", false);
    } finally {
      await cleanUp?.();
      await context.close();
    }
    app.assertClean();
  });
}

// ---------------------------------------------------------------------------
// Keyboard only: no click, no fill; Tab, Shift+Tab, arrows, Enter, Space
// and typing. Focus is visible at every stop.

/** Whether the focused element shows a focus indicator; what it is, for messages. */
function focusShown(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    const name = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""} "${(el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 40)}"`;
    // A file input hidden behind its label shows its focus on the label.
    const shown = el.type === "file" && el.previousElementSibling?.tagName === "LABEL" ? el.previousElementSibling : el;
    const style = getComputedStyle(shown);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
    const shadow = style.boxShadow !== "none";
    return { name, visible: outline || shadow, headingTarget: el.matches("h1, h2, main") && el.tabIndex === -1 };
  });
}

async function assertFocusVisible(page, where) {
  const f = await focusShown(page);
  // A heading (or main) gets focus only from the app, after a navigation,
  // as the place to start reading; it is not a control, and needs no ring.
  assert.ok(f.visible || f.headingTarget, `no visible focus on ${f.name} (${where})`);
}

/** Presses Tab until `reached()` is true, checking the focus indicator at every stop. */
async function tabUntil(page, reached, max = 30, key = "Tab") {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    await assertFocusVisible(page, `after ${i + 1} × ${key}`);
    if (await reached()) return;
  }
  assert.fail(`not reached within ${max} presses of ${key}`);
}

const focusedIs = (page, test) => () => page.evaluate(test);

async function keyboardContext() {
  const context = await app.newContext({ viewport: DESKTOP });
  await freezeClock(context);
  const page = await context.newPage();
  return { context, page };
}

test("keyboard: reflect on an item and move to the next", async () => {
  const { context, page } = await keyboardContext();
  const r = new ReflectiePage(page, app.url);
  // From the start page through the menu: focus lands on the new page's h1.
  await page.goto(app.url);
  await appReady(page);
  await tabUntil(page, focusedIs(page, () => document.activeElement.closest("nav") && document.activeElement.textContent === "Reflectie"));
  await page.keyboard.press("Enter");
  await page.waitForURL(`${app.url}reflectie/`);
  await page.waitForFunction(() => document.activeElement?.tagName === "H1");
  assert.equal(plain(await page.evaluate(() => document.activeElement.textContent)), "Ondersteuningsstructuur op school");
  await tabUntil(page, focusedIs(page, () => document.activeElement.type === "radio"));
  await page.keyboard.press("ArrowRight");
  await assertFocusVisible(page, "on the scale");
  assert.equal(await r.choice("In ontwikkeling").isChecked(), true);
  await tabUntil(page, focusedIs(page, () => document.activeElement.tagName === "TEXTAREA"));
  await page.keyboard.type("Met alleen het toetsenbord");
  await tabUntil(page, focusedIs(page, () => document.activeElement.classList.contains("zb-pager__next")), 40);
  await page.keyboard.press("Enter");
  await page.waitForURL(/onderdeel=samen-systematisch-transparant/);
  // Focus lands on the new item's title.
  await page.waitForFunction(() => document.activeElement?.id === "zb-item-title");
  assert.equal(await r.itemTitle().innerText().then(plain), "Samen, systematisch en transparant");
  // And the next Tab goes on from there, visibly.
  await tabUntil(page, focusedIs(page, () => document.activeElement.type === "radio"));
  await context.close();
  app.assertClean();
});

test("keyboard: confirm receipt, first with errors (focus on the summary), then complete", async () => {
  const { context, page } = await keyboardContext();
  await new OntvangstPage(page, app.url).open();
  const k = page.keyboard;
  await tabUntil(page, focusedIs(page, () => document.activeElement.textContent === "Verder naar versturen"), 60);
  await k.press("Enter");
  await page.waitForFunction(() => document.activeElement?.id === "r-errors");
  await assertFocusVisible(page, "on the error summary");
  // The summary's first link takes focus to the field.
  await tabUntil(page, focusedIs(page, () => document.activeElement.closest("#r-errors") && document.activeElement.tagName === "A"));
  await k.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "r-school");
  await assertFocusVisible(page, "on the school field");
  await k.type("Voorbeeldcollege");
  await tabUntil(page, focusedIs(page, () => document.activeElement.name === "role"));
  await k.press("ArrowDown"); // the arrow moves to a role and checks it
  await tabUntil(page, focusedIs(page, () => document.activeElement.type === "checkbox"));
  await k.press("Space");
  assert.equal(await page.getByRole("checkbox", { name: "Ja, onze school heeft de handreiking ontvangen." }).isChecked(), true);
  // Sharing is one step further, by keyboard.
  await openShare(page, "ontvangst", { keyboard: true });
  assert.match(await page.locator(".zb-share__facts").innerText().then(plain), /Naam van de school\s*Voorbeeldcollege/);
  await context.close();
  app.assertClean();
});

test("keyboard: share a reflection as a file", async () => {
  const { context, page } = await keyboardContext();
  const r = await new ReflectiePage(page, app.url).open();
  await tabUntil(page, focusedIs(page, () => document.activeElement.tagName === "TEXTAREA"), 40);
  await page.keyboard.type("Werkgroep in januari");
  await r.waitSaved();
  await openShare(page, "reflectie", { keyboard: true });
  const share = new SharePanel(page);
  const shown = await share.fileText();
  await tabUntil(page, focusedIs(page, () => document.activeElement.textContent === "Bestand downloaden"), 60);
  const { text } = await download(page, () => page.keyboard.press("Enter"));
  assert.equal(text, shown);
  assert.match(await share.status().innerText().then(plain), /staat in je downloads/);
  await assertFocusVisible(page, "after downloading");
  await context.close();
  app.assertClean();
});

test("keyboard: import files into the collection", async () => {
  const { context, page } = await keyboardContext();
  await openVerzamelen(page);
  // Tab to the file input (hidden behind its label, which shows the focus);
  // the browser's file dialog itself cannot be driven, so the files are
  // handed to the focused input as the dialog would.
  await tabUntil(page, focusedIs(page, () => document.activeElement.id === "c-files-input"), 40);
  await assertFocusVisible(page, "on the file input's label");
  await importFiles(page, [...files.colleagues, files.receipt], 30000);
  assert.equal(await page.locator("#c-results").getAttribute("data-records"), "7");
  // Focus stayed where it was, and the views are next, by keyboard.
  assert.equal(await page.evaluate(() => document.activeElement?.id), "c-files-input");
  await tabUntil(page, focusedIs(page, () => document.activeElement.id === "c-view-ontvangst"), 40);
  await page.keyboard.press("Enter");
  await page.waitForURL(/weergave=ontvangst/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), "c-view-ontvangst");
  await assertFocusVisible(page, "on the view button");
  await context.close();
  app.assertClean();
});

test("keyboard: add an action to the action plan", async () => {
  const { context, page } = await keyboardContext();
  await new ReflectiePage(page, app.url).open("?onderdeel=mentoraat");
  const k = page.keyboard;
  await tabUntil(page, focusedIs(page, () => document.activeElement.textContent.trim() === "Actie toevoegen"), 60);
  await k.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement?.labels?.[0]?.textContent), "Wat gaan we doen?");
  await assertFocusVisible(page, "in the new action");
  await k.type("Mentorgesprekken plannen");
  await k.press("Tab");
  await assertFocusVisible(page, "on who");
  await k.type("mentoren");
  await k.press("Tab");
  await k.type("maart 2027");
  await tabUntil(page, focusedIs(page, () => document.activeElement?.labels?.[0]?.textContent === "Status"), 4);
  await k.press("ArrowDown");
  await new ReflectiePage(page, app.url).waitSaved();
  const action = page.locator(".zb-plan__action").first();
  assert.equal(await action.getByLabel("Wat gaan we doen?").inputValue(), "Mentorgesprekken plannen");
  assert.equal(await action.getByLabel("Klaar in").inputValue(), "2027-03");
  assert.equal(await action.getByLabel("Status").locator("option:checked").innerText().then(plain), "Bezig");
  // Removing it by keyboard puts focus on the undo button.
  await tabUntil(page, focusedIs(page, () => document.activeElement.getAttribute("aria-label") === "Actie 1 verwijderen"), 6);
  await k.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement?.textContent.trim()), "Terugzetten");
  await assertFocusVisible(page, "on undo");
  await context.close();
  app.assertClean();
});

test("keyboard: at 400 % zoom the update banner never hides what has focus (2.4.11)", async () => {
  const context = await app.newContext({ viewport: ZOOMED });
  await freezeClock(context);
  const page = await context.newPage();
  const cleanUp = await STATES.find((s) => s.name === "nieuwe versie beschikbaar").run({ page, context });
  try {
    const banner = await page.locator("#zb-update").boundingBox();
    assert.ok(banner.height <= ZOOMED.height / 3, `the banner takes ${banner.height} of ${ZOOMED.height} px`);
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press("Tab");
      const hidden = await page.evaluate(() => {
        const el = document.activeElement;
        const b = document.getElementById("zb-update");
        if (!el || b.contains(el) || el === document.body) return null;
        const r = el.getBoundingClientRect();
        const o = b.getBoundingClientRect();
        const covered = r.top >= o.top && r.bottom <= o.bottom && r.left >= o.left && r.right <= o.right;
        return covered ? `${el.tagName} ${el.id} "${el.textContent.trim().slice(0, 30)}"` : null;
      });
      assert.equal(hidden, null, `focus is hidden behind the banner after ${i + 1} × Tab`);
    }
  } finally {
    await cleanUp();
    await context.close();
  }
  app.assertClean();
});
