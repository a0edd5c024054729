// Page objects: what a user sees and does on each page, so the tests read
// as user stories and the selectors live in one place.
import { readFile } from "node:fs/promises";
import { appReady } from "./support.mjs";

/**
 * Text as a reader reads it: without the soft hyphens (U+00AD) that the
 * build puts in long instrument words so every engine breaks them at a
 * Dutch syllable. They are in the DOM, so `innerText` has them.
 */
export const plain = (text) => text.replaceAll("\u00ad", "");
export const plainAll = (texts) => texts.map(plain);

/** A fixed "today" for every test: the app's school year and deadlines follow it. */
export const TODAY = new Date("2026-11-23T10:00:00");

export async function freezeClock(context, when = TODAY) {
  await context.clock.setFixedTime(when);
}

/** An init script that puts `value` under `key` in the app's localStorage (not about:blank's). */
export function seedStorage(key, value) {
  return `if (location.protocol.startsWith("http")) localStorage.setItem(${JSON.stringify(key)}, ${JSON.stringify(value)});`;
}

/** Everything the app keeps in localStorage, parsed. */
export async function storedRecords(page) {
  return page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith("zichtbaar.record."))
      .map((k) => JSON.parse(localStorage.getItem(k))),
  );
}

/** A receipt as the app stores it, for seeding. */
export const STORED_RECEIPT = {
  schema: 1,
  record: {
    id: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
    revision: 2,
    instrument: { id: "ondersteuningsstructuur", version: "2026.1", digest: "sha256:00" },
    schoolYear: "2026-2027",
    created: "2026-11-01",
    updated: "2026-11-02",
    body: { receipt: { schoolName: "Voorbeeldcollege", brin: "12AB", received: true } },
  },
};

/** Hands `files` to /verzamelen's file input and waits until the import says "Klaar" (`timeout`: the page's own default unless given). */
export async function importFiles(page, files, timeout) {
  await page.locator("#c-files-input").setInputFiles(files);
  await page.waitForFunction(() => document.querySelector("#c-status")?.textContent.startsWith("Klaar"), null, timeout ? { timeout } : {});
}

/** Reads a download triggered by `action` and returns its name and text. */
export async function download(page, action) {
  const [file] = await Promise.all([page.waitForEvent("download"), action()]);
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), "utf8") };
}

export class ReflectiePage {
  constructor(page, url) {
    this.page = page;
    this.url = url;
  }

  async open(query = "") {
    await this.page.goto(`${this.url}reflectie/${query}`);
    await appReady(this.page);
    return this;
  }

  heading() {
    return this.page.locator("main h1");
  }

  itemTitle() {
    return this.page.locator("#zb-item-title");
  }

  status() {
    return this.page.getByRole("status");
  }

  /** The text box of a question, by its visible label. */
  textbox(label) {
    return this.page.getByLabel(label, { exact: true });
  }

  textboxes() {
    return this.page.locator("article textarea");
  }

  choice(label) {
    return this.page.getByRole("radio", { name: label, exact: true });
  }

  overview() {
    return this.page.getByRole("navigation", { name: "Overzicht" });
  }

  progressText() {
    return this.page.locator("#zb-progress-text");
  }

  async waitSaved() {
    await this.page.waitForFunction(
      () => document.querySelector("[role=status]")?.textContent.startsWith("Opgeslagen"),
    );
  }

  async openChooser() {
    const summary = this.page.getByText("Andere handreiking, ander schooljaar of teamreflectie");
    if (!(await this.page.locator("details.zb-choose").evaluate((d) => d.open))) await summary.click();
  }

  async choosePerspective(name) {
    await this.openChooser();
    // The editor is drawn anew for the other record, so click, not check.
    await this.page.getByRole("radio", { name, exact: true }).click();
    await this.page.waitForFunction(
      (n) => document.querySelector(".zb-context")?.textContent.includes(n),
      name,
    );
  }

  async chooseInstrument(label) {
    await this.openChooser();
    await this.page.getByLabel("Handreiking", { exact: true }).selectOption({ label });
  }

  async chooseYear(value) {
    await this.openChooser();
    await this.page.getByLabel("Schooljaar", { exact: true }).selectOption(value);
  }
}

export class OntvangstPage {
  constructor(page, url) {
    this.page = page;
    this.url = url;
  }

  async open(query = "") {
    await this.page.goto(`${this.url}ontvangst/${query}`);
    await appReady(this.page);
    return this;
  }

  field(label) {
    return this.page.getByLabel(label, { exact: true });
  }

  async next() {
    await this.page.getByRole("button", { name: "Verder naar versturen" }).click();
  }

  async fillComplete() {
    await this.field("Naam van de school (verplicht)").fill("Voorbeeldcollege");
    await this.field("BRIN-code (niet verplicht)").fill("12ab");
    await this.page.getByRole("radio", { name: "Ondersteuningscoördinator" }).check();
    await this.page.getByRole("checkbox", { name: "Ja, onze school heeft de handreiking ontvangen." }).check();
    await this.page.getByRole("radio", { name: "Nog niet" }).check();
    await this.field("Wat vind je van de handreiking? (niet verplicht)").fill("Handzaam. Mail gerust naar j.jansen@school.nl.");
  }
}

/** The share panel, on whichever page shows it. */
export class SharePanel {
  constructor(page) {
    this.page = page;
  }

  async waitOpen() {
    await this.page.locator("#zb-share-json").waitFor({ state: "attached" });
  }

  /** The exact text that leaves the device, as the preview shows it. */
  fileText() {
    return this.page.locator("#zb-share-json").textContent();
  }

  async fileJson() {
    return JSON.parse(await this.fileText());
  }

  preview() {
    return this.page.locator("#zb-share-preview");
  }

  status() {
    return this.page.locator("#zb-share-status");
  }

  button(name) {
    return this.page.locator(".zb-share").getByRole("button", { name, exact: true });
  }

  /** Opens a receipt's "Lukt dat niet? Andere manieren", where the ways besides the main one are. */
  async others() {
    const other = this.page.locator("details.zb-share__other");
    if (!(await other.evaluate((d) => d.open))) await other.locator("summary").click();
  }

  /** The receipt's mail link, as the main way or among the others. */
  mailLink() {
    return this.page.locator("#zb-share-mail");
  }
}

/** The body of a `mailto:` link, as the mail program puts it in the message. */
export function mailBody(href) {
  return decodeURIComponent(new URL(href).searchParams.has("body") ? href.split("&body=")[1] : "");
}
