// The action plan: "Hoe gaan we dat aanpakken?" becomes actions that are
// added by keyboard alone, saved without doing anything, carried into the
// next school year while open, listed in the Actieplan view and taken out
// as a calendar file that a real iCalendar parser reads.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import ICAL from "ical.js";
import { startApp, appReady } from "./support.mjs";
import { ReflectiePage, SharePanel, freezeClock, storedRecords, download, plain, plainAll } from "./pages.mjs";

let app;
before(async () => {
  app = await startApp();
});
after(async () => {
  await app?.close();
});

const ACTIONS = [
  { what: "Mentorgesprekken in week 40 plannen", who: "mentoren", due: "maart 2027", status: "Gepland" },
  { what: "Scholing gespreksvoering; mail scholing@school.nl", who: "teamleiders", due: "oktober 2026", status: "Bezig" },
  { what: "Evalueren met leerlingenraad", who: "ondersteuningscoördinator", due: null, status: "Klaar" },
];

/** Presses Tab until the focused element says `text` (at most `max` times). */
async function tabTo(page, text, max = 5) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if ((await page.evaluate(() => document.activeElement?.textContent.trim())) === text) return;
  }
  assert.fail(`no "${text}" within ${max} presses of Tab`);
}

/** Presses Tab until the focused field is labelled `label`. */
async function tabToField(page, label, max = 4) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if ((await page.evaluate(() => document.activeElement?.labels?.[0]?.textContent)) === label) return;
  }
  assert.fail(`no field "${label}" within ${max} presses of Tab`);
}

/** Adds ACTIONS to the item on screen with the keyboard only, from the "aanpak" text box. */
async function addByKeyboard(page) {
  const k = page.keyboard;
  await page.getByLabel("Hoe gaan we dat aanpakken?", { exact: true }).focus();
  for (const a of ACTIONS) {
    // From the text box, or past the buttons of the action before.
    await tabTo(page, "Actie toevoegen");
    await k.press("Enter");
    // Focus is in the new action's first field.
    assert.equal(await page.evaluate(() => document.activeElement?.labels?.[0]?.textContent), "Wat gaan we doen?");
    await k.type(a.what);
    await k.press("Tab");
    await k.type(a.who);
    await k.press("Tab");
    // "Klaar in": typing a month's name picks it, as in any list.
    if (a.due) await k.type(a.due);
    await tabToField(page, "Status");
    if (a.status !== "Gepland") {
      await k.press("ArrowDown");
      if (a.status === "Klaar") await k.press("ArrowDown");
    }
  }
}

/** A new browser context on `query` (an item of the reflection), with ACTIONS added by keyboard. */
async function withActions(query) {
  const context = await app.newContext();
  await freezeClock(context);
  const page = await context.newPage();
  const r = new ReflectiePage(page, app.url);
  await r.open(query);
  await addByKeyboard(page);
  return { context, page, r };
}

test("three actions added by keyboard alone survive a reload; the overview sums them up", async () => {
  const { context, page, r } = await withActions("?onderdeel=mentoraat");
  await page.reload(); // no waiting for the autosave
  await appReady(page);
  const plan = page.locator(".zb-plan");
  assert.equal(await plan.locator(".zb-plan__action").count(), 3);
  for (const [i, a] of ACTIONS.entries()) {
    const action = plan.locator(".zb-plan__action").nth(i);
    assert.equal(await action.getByLabel("Wat gaan we doen?").inputValue(), a.what);
    assert.equal(await action.getByLabel("Wie (een rol)").inputValue(), a.who);
    assert.equal(await action.getByLabel("Status").locator("option:checked").innerText().then(plain), a.status);
  }
  assert.equal(await plan.locator(".zb-plan__action").nth(0).getByLabel("Klaar in").inputValue(), "2027-03");
  // October 2026 is over and the action is not done: late, in words.
  assert.match(await plan.locator(".zb-plan__action").nth(1).locator("legend").innerText().then(plain), /te laat/);
  const stored = (await storedRecords(page))[0].record.body.reflection.actions.mentoraat;
  assert.deepEqual(stored.map((a) => [a.status, a.due ?? null]), [["gepland", "2027-03"], ["bezig", "2026-10"], ["klaar", null]]);
  assert.match(await r.overview().innerText().then(plain), /Mentoraat[\s\S]*3 acties, 1 klaar/);
  assert.match(await r.overview().innerText().then(plain), /Actieplan: 3 acties, 1 klaar, 1 te laat/);

  // Reorder and remove by keyboard; removing can be undone.
  await plan.getByRole("button", { name: "Actie 3 omhoog" }).focus();
  await page.keyboard.press("Enter");
  assert.equal(await plan.locator(".zb-plan__action").nth(1).getByLabel("Wat gaan we doen?").inputValue(), ACTIONS[2].what);
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("aria-label")), "Actie 2 omhoog");
  // The move is said in the plan's polite status line, which stays in place.
  assert.equal(await page.locator(".zb-plan__status").getAttribute("aria-live"), "polite");
  assert.match(await page.locator(".zb-plan__status").innerText().then(plain), /De actie staat nu op plek 2 van 3/);
  await plan.getByRole("button", { name: "Actie 1 verwijderen" }).focus();
  await page.keyboard.press("Enter");
  assert.equal(await plan.locator(".zb-plan__action").count(), 2);
  assert.match(await page.locator(".zb-plan__status").innerText().then(plain), /Actie 1 \(Mentorgesprekken in week 40 plannen\) is verwijderd/);
  assert.equal(await page.evaluate(() => document.activeElement?.textContent.trim()), "Terugzetten");
  await page.keyboard.press("Enter");
  assert.equal(await plan.locator(".zb-plan__action").count(), 3);
  assert.equal(await plan.locator(".zb-plan__action").nth(0).getByLabel("Wat gaan we doen?").inputValue(), ACTIONS[0].what);
  await context.close();
  app.assertClean();
});

test("the Actieplan view sorts, marks late actions, and its calendar file parses", async () => {
  const { context, page, r } = await withActions("?onderdeel=mentoraat");
  await r.overview().getByRole("link", { name: "Actieplan" }).click();
  await page.waitForURL(/weergave=actieplan/);
  const rows = page.locator(".zb-plan-table tbody tr");
  assert.equal(await rows.count(), 3);
  await page.getByRole("link", { name: "Status", exact: true }).click();
  await page.waitForURL(/volgorde=status/);
  // Bezig, then gepland, then klaar.
  assert.deepEqual(
    await page.locator(".zb-plan-table tbody tr td:nth-child(5)").allInnerTexts().then(plainAll),
    ["Bezig\nTe laat", "Gepland", "Klaar"],
  );
  const { name, text } = await download(page, () => page.getByRole("button", { name: "Zet in je agenda (.ics)" }).click());
  assert.equal(name, "zichtbaar-actieplan-2026-2027.ics");
  assert.ok(text.split("\n").slice(0, -1).every((l) => l.endsWith("\r")), "every line ends in CRLF");
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents("vevent").map((e) => new ICAL.Event(e));
  const byStart = Object.fromEntries(events.map((e) => [e.startDate.toString(), e.summary]));
  // Open actions with a due date, on the last day of their month; the next
  // reflection; the receipt deadline of this school year.
  assert.deepEqual(byStart, {
    "2027-03-31": `Actie: ${ACTIONS[0].what}`,
    "2026-10-31": `Actie: ${ACTIONS[1].what}`,
    "2027-09-15": "Zichtbaar: reflectie op de handreiking",
    "2027-06-07": "Zichtbaar: ontvangst bevestigen",
  });
  assert.match(events.find((e) => e.summary.startsWith("Actie: Mentor")).description, /Mentoraat\nWie: mentoren/);
  assert.match(await page.locator("#zb-actionplan-status").innerText().then(plain), /is gedownload/);
  await context.close();
  app.assertClean();
});

test("next school year starts with last year's open actions; the closed ones stay readable", async () => {
  const { context, page, r } = await withActions("?onderdeel=mentoraat&jaar=2025-2026");
  await r.choice("In ontwikkeling").first().check();
  await r.waitSaved();
  await r.open("?onderdeel=mentoraat");
  const plan = page.locator(".zb-plan");
  assert.equal(await plan.locator(".zb-plan__action").count(), 2);
  assert.deepEqual(
    await plan.locator(".zb-plan__action textarea").evaluateAll((t) => t.map((x) => x.value)),
    [ACTIONS[0].what, ACTIONS[1].what],
  );
  assert.match(await plan.locator(".zb-plan__action legend").first().innerText().then(plain), /uit 2025-2026/);
  assert.match(await plan.locator(".zb-plan__last").innerText().then(plain), /Klaar of gestopt in 2025-2026 \(1\)/);
  // This year against last year, in the overview.
  await r.overview().getByText("Dit jaar en vorig jaar", { exact: true }).click();
  assert.match(await r.overview().locator(".zb-year-list").innerText().then(plain), /Mentoraat\s+2025-2026: In ontwikkeling\s+2026-2027: –/);

  // An open action added to last year after this year's plan began is
  // offered, not lost.
  await plan.locator(".zb-plan__action textarea").first().fill("Aangepast dit jaar");
  await r.waitSaved();
  await r.open("?onderdeel=mentoraat&jaar=2025-2026");
  await page.getByRole("button", { name: "Actie toevoegen" }).click();
  await page.locator(".zb-plan__action").last().getByLabel("Wat gaan we doen?").fill("Later bedacht");
  await r.waitSaved();
  await r.open("?onderdeel=mentoraat");
  assert.equal(await plan.locator(".zb-plan__action").count(), 2);
  assert.match(await plan.locator(".zb-plan__carry").innerText().then(plain), /In 2025-2026 stonden hier nog 1 actie die niet klaar/);
  await plan.getByRole("button", { name: "Open acties van vorig jaar overnemen" }).click();
  assert.deepEqual(
    await plan.locator(".zb-plan__action textarea").evaluateAll((t) => t.map((x) => x.value)),
    ["Aangepast dit jaar", ACTIONS[1].what, "Later bedacht"],
  );
  assert.equal(await page.evaluate(() => document.activeElement?.value), "Later bedacht");
  assert.match(await page.locator(".zb-plan__status").innerText().then(plain), /1 actie van vorig jaar overgenomen/);
  assert.equal(await plan.locator(".zb-plan__carry").count(), 0);
  await context.close();
  app.assertClean();
});

test("actions travel in the shared file: an e-mail address in an action is left out unless kept", async () => {
  const { context, page, r } = await withActions("?onderdeel=mentoraat");
  await r.waitSaved();
  await r.overview().getByRole("link", { name: "Delen met het samenwerkingsverband" }).click();
  const share = new SharePanel(page);
  await share.waitOpen();
  let file = await share.fileJson();
  assert.equal(file.formatVersion, 2);
  let actions = file.records[0].actions.mentoraat;
  assert.deepEqual(actions.map((a) => [a.who, a.status, a.due ?? null]), [["mentoren", "gepland", "2027-03"], ["teamleiders", "bezig", "2026-10"], ["ondersteuningscoördinator", "klaar", null]]);
  assert.equal(actions[1].what, "Scholing gespreksvoering; mail [e-mailadres weggelaten]");
  assert.ok(!(await share.fileText()).includes("scholing@school.nl"));
  // The preview shows the action with the address marked; keeping it is a choice.
  assert.match(await share.preview().innerText().then(plain), /Actie 2[\s\S]*scholing@school\.nl/);
  await share.preview().getByRole("button", { name: "scholing@school.nl toch meesturen" }).click();
  file = await share.fileJson();
  assert.equal(file.records[0].actions.mentoraat[1].what, ACTIONS[1].what);
  // Leaving one action out takes it out of the file.
  await share.preview().getByRole("button", { name: "Deze actie weglaten" }).first().click();
  file = await share.fileJson();
  assert.equal(file.records[0].actions.mentoraat.length, 2);
  await context.close();
  app.assertClean();
});
