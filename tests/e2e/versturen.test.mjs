// A confirmation reaches the SWV in one step, by whichever way works where
// the director is, and the SWV reads what arrived in one step: a file, the
// text of a mail pasted in, or a saved message (.eml).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { writeFile, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startApp, appReady, ROOT } from "./support.mjs";
import { OntvangstPage, SharePanel, freezeClock, download, plain, mailBody, seedStorage } from "./pages.mjs";

let app;
let dir;
before(async () => {
  app = await startApp();
  dir = await mkdtemp(join(tmpdir(), "zb-versturen-"));
});
after(async () => {
  await app?.close();
});

async function fresh({ shareSheet = false } = {}) {
  const context = await app.newContext();
  await freezeClock(context);
  if (shareSheet) {
    // A browser whose share sheet takes files, as on a phone: what it is
    // handed is kept for the test.
    await context.addInitScript(() => {
      Object.defineProperty(navigator, "canShare", { value: (data) => Array.isArray(data?.files) });
      Object.defineProperty(navigator, "share", {
        value: async (data) => {
          window.__shared = { name: data.files[0].name, type: data.files[0].type, text: await data.files[0].text() };
        },
      });
    });
  }
  const page = await context.newPage();
  return { context, page, o: new OntvangstPage(page, app.url), share: new SharePanel(page) };
}

/** Fills the form as a director does, with the school's phone number and a colleague's address in the reaction. */
async function fillAsDirector(o, reaction = "Handzaam. Bel ons gerust op 010-1234567, of mail j.jansen@school.nl.") {
  await o.field("Naam van de school (verplicht)").fill("Voorbeeldcollege");
  await o.field("BRIN-code (niet verplicht)").fill("12ab");
  await o.page.getByRole("radio", { name: "Directeur" }).check();
  await o.page.getByRole("checkbox", { name: "Ja, onze school heeft de handreiking ontvangen." }).check();
  await o.field("Wat vind je van de handreiking? (niet verplicht)").fill(reaction);
}

/** A saved message as a mail program writes it: the body in quoted-printable, wrapped at 76, with an HTML part in base64. */
function eml(body) {
  const qp = body
    .split("\n")
    .map((line) => {
      const bytes = Buffer.from(line.replace(/\r$/, ""), "utf8");
      let out = "";
      let width = 0;
      for (const b of bytes) {
        const c = b === 0x3d || b > 0x7e || (b < 0x20 && b !== 0x09) ? `=${b.toString(16).toUpperCase().padStart(2, "0")}` : String.fromCharCode(b);
        if (width + c.length > 75) {
          out += "=\r\n";
          width = 0;
        }
        out += c;
        width += c.length;
      }
      return out;
    })
    .join("\r\n");
  const html = Buffer.from(`<html><body><div>${body.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/\r?\n/g, "<br>\r\n")}</div></body></html>`).toString("base64").replace(/.{76}/g, "$&\r\n");
  return [
    "Return-Path: <directie@voorbeeldcollege.example>",
    "From: Directie <directie@voorbeeldcollege.example>",
    "To: bevestiging@koersvo.example",
    "Subject: Ontvangst handreiking: Voorbeeldcollege",
    "MIME-Version: 1.0",
    'Content-Type: multipart/alternative; boundary="zb-grens"',
    "",
    "--zb-grens",
    "Content-Type: text/plain; charset=utf-8; format=flowed",
    "Content-Transfer-Encoding: quoted-printable",
    "",
    qp,
    "--zb-grens",
    "Content-Type: text/html; charset=utf-8",
    "Content-Transfer-Encoding: base64",
    "",
    html,
    "--zb-grens--",
    "",
  ].join("\r\n");
}

test("a director sends a receipt as a mail that carries it; the SWV reads the pasted mail and the saved message as that same record", async () => {
  const { context, page, o, share } = await fresh();
  await o.open();
  await fillAsDirector(o);
  await o.next();
  await page.waitForURL(/\/delen\/\?record=/);
  await share.waitOpen();
  assert.equal(await page.locator("main h1").innerText().then(plain), "Je bevestiging versturen");
  // The receipt's step has no box of names to watch and no "vrijwillig".
  assert.equal(await page.locator("#share-names").count(), 0);
  assert.doesNotMatch(await page.locator(".zb-share").innerText(), /vrijwillig/);
  // One main way: the mail to the SWV, named, with its address.
  const main = page.locator(".zb-share__main");
  assert.equal(await main.getByRole("link").innerText(), "E-mail aan Koers VO maken");
  assert.match(await main.innerText(), /bevestiging@koersvo\.example/);
  assert.equal(await share.button("Bestand downloaden").isVisible(), false, "the other ways wait behind 'Andere manieren'");
  const href = await share.mailLink().getAttribute("href");
  assert.ok(href.startsWith("mailto:bevestiging@koersvo.example?subject=Ontvangst%20handreiking%3A%20Voorbeeldcollege&body="), href);
  assert.ok(href.length <= 2000, `the link is ${href.length} characters`);
  const body = mailBody(href);
  assert.match(body, /^Beste Koers VO,/);
  assert.match(body, /School: Voorbeeldcollege \(BRIN 12AB\)/);
  // The school's phone number goes, typed on purpose; a colleague's address does not.
  assert.match(body, /Bel ons gerust op 010-1234567/);
  assert.doesNotMatch(body, /j\.jansen@school\.nl/);
  assert.match(body, /ZICHTBAAR-BEGIN[\s\S]+ZICHTBAAR-EINDE/);
  const preview = await share.fileJson();
  assert.equal(preview.records[0].receipt.reactions, "Handzaam. Bel ons gerust op 010-1234567, of mail [e-mailadres weggelaten].");

  // The file, for the SWV to compare.
  await share.others();
  const file = await download(page, () => share.button("Bestand downloaden").click());
  assert.equal(file.text, await share.fileText());
  // The link opens the mail program (kept from leaving the page here: the
  // app hears the click first).
  await page.evaluate(() => window.addEventListener("click", (e) => e.target.closest("a[href^='mailto:']") && e.preventDefault(), true));
  await share.mailLink().click();
  await page.waitForFunction(() => /E-mail klaargezet\. Op 23 november 2026 is een e-mail aan Koers VO klaargezet/.test(document.getElementById("zb-share-sent")?.textContent));
  assert.match(await share.status().innerText(), /Klik daar op Verzenden/);

  // Coming back, the receipt says it was sent instead of counting down.
  await o.open();
  assert.match(await page.locator(".zb-sent").innerText().then(plain), /E-mail klaargezet\. Op 23 november 2026/);
  assert.equal(await page.locator(".zb-deadline").isVisible(), false);
  await o.field("Wat wil je bespreken met het samenwerkingsverband? (niet verplicht)").fill("Het mentoraat");
  await page.waitForFunction(() => document.getElementById("zb-save-text")?.textContent.startsWith("Opgeslagen"));
  // Said at once, not only after a reload.
  await page.waitForFunction(() => /Daarna heb je nog iets veranderd/.test(document.querySelector(".zb-sent")?.textContent));
  await o.open();
  assert.match(await page.locator(".zb-sent").innerText().then(plain), /Daarna heb je nog iets veranderd/);
  await page.locator(".zb-sent").getByRole("button", { name: "Opnieuw versturen" }).click();
  await page.waitForURL(/\/delen\/\?record=/);
  await share.waitOpen();
  assert.match(await page.locator("#zb-share-sent").innerText(), /Daarna is er nog iets veranderd/);

  // The SWV: the mail's text pasted in, then the message saved from the mail program, then the file.
  const swv = await context.newPage();
  await swv.goto(`${app.url}verzamelen/`);
  await appReady(swv);
  await swv.getByText("E-mails plakken").click();
  await swv.getByLabel("Tekst van e-mails met een bevestiging of reflectie").fill(`Van: directie\nOnderwerp: Ontvangst\n\n${body}`);
  await swv.getByRole("button", { name: "Geplakte tekst inlezen" }).click();
  await swv.waitForFunction(() => document.querySelector("#c-status")?.textContent.startsWith("Klaar"));
  assert.match(await swv.locator("#c-status").innerText(), /1 van de 1 bestand ingelezen, met 1 reflectie of bevestiging/);
  assert.match(await swv.locator("main h2, main h3").allInnerTexts().then((t) => t.join("|")), /Ontvangst|bevestig/i);
  const saved = join(dir, "ontvangst.eml");
  await writeFile(saved, eml(body.replace(/\r?\n/g, "\r\n")));
  const json = join(dir, file.name);
  await writeFile(json, file.text);
  await swv.locator("#c-files-input").setInputFiles([saved, json]);
  await swv.waitForFunction(() => /Klaar/.test(document.querySelector("#c-status")?.textContent) && /2 van de 2/.test(document.querySelector("#c-status")?.textContent));
  // Three ways in, one record: the same id.
  assert.match(await swv.locator(".zb-files summary").innerText(), /^3 bestanden, samen 1 reflectie of bevestiging$/);
  assert.match(await swv.locator(".zb-files").innerText(), /In de bestanden staan er 3\./);
  const rows = swv.locator("table").filter({ hasText: "Alle bevestigingen" }).locator("tbody tr");
  assert.equal(await rows.count(), 1);
  assert.match(await rows.first().innerText(), /Voorbeeldcollege[\s\S]*12AB[\s\S]*010-1234567/);
  await context.close();
  app.assertClean();
});

test("where the share sheet takes files, it is the one way to send, with the file attached", async () => {
  const { context, page, o, share } = await fresh({ shareSheet: true });
  await o.open();
  await fillAsDirector(o, "Duidelijk.");
  await o.next();
  await share.waitOpen();
  const main = page.locator(".zb-share__main");
  assert.equal(await main.getByRole("button").innerText(), "Versturen…");
  await main.getByRole("button", { name: "Versturen…" }).click();
  await page.waitForFunction(() => window.__shared);
  const shared = await page.evaluate(() => window.__shared);
  assert.equal(shared.text, await share.fileText(), "the shared file differs from the preview");
  assert.equal(shared.type, "application/json");
  assert.match(shared.name, /^zichtbaar-ontvangst-voorbeeldcollege-12ab-2026-11-23-[0-9a-f]{8}\.json$/);
  assert.equal(await share.status().innerText(), "Verstuurd met het deelmenu.");
  assert.match(await page.locator("#zb-share-sent").innerText(), /^Verstuurd\. Je hebt dit op 23 november 2026 met het deelmenu van je apparaat naar Koers VO gestuurd\./);
  // The mail is among the other ways, and still carries the confirmation.
  await share.others();
  assert.match(mailBody(await share.mailLink().getAttribute("href")), /ZICHTBAAR-BEGIN/);
  await context.close();
  app.assertClean();
});

test("a reaction too long for a mail link makes the file the main way, and the mail asks to attach it", async () => {
  const { context, page, o, share } = await fresh();
  await o.open();
  // Words of random letters: text that compresses no better than a long, varied reaction.
  let x = 7;
  const letter = () => "abcdefghijklmnoprstuvwz"[(x = (x * 48271) % 2147483647) % 23];
  const long = Array.from({ length: 260 }, () => Array.from({ length: 3 + (x % 7) }, letter).join("")).join(" ");
  await fillAsDirector(o, long);
  await o.next();
  await share.waitOpen();
  const main = page.locator(".zb-share__main");
  assert.equal(await main.getByRole("button").innerText(), "Bestand downloaden");
  assert.match(await main.innerText(), /te lang om in de tekst van een e-mail mee te sturen/);
  const { text } = await download(page, () => main.getByRole("button", { name: "Bestand downloaden" }).click());
  assert.equal(text, await share.fileText());
  await share.others();
  const href = await share.mailLink().getAttribute("href");
  assert.match(mailBody(href), /als bijlage toe/);
  assert.doesNotMatch(mailBody(href), /ZICHTBAAR-BEGIN/);
  // A downloaded file has not reached the SWV yet: the receipt says what is
  // left to do, and the deadline stays.
  await o.open();
  assert.match(await page.locator(".zb-sent").innerText().then(plain), /Stuur het als bijlage naar Koers VO, als je dat nog niet deed\./);
  assert.equal(await page.locator(".zb-deadline").isVisible(), true);
  await context.close();
  app.assertClean();
});

test("14 receipts and 5 reflections shared from one profile give 19 files with 19 names", async () => {
  const context = await app.newContext();
  await freezeClock(context);
  const reflection = JSON.parse(readFileSync(join(ROOT, "crates/zichtbaar-core/tests/data/stored-v1-reflection.json"), "utf8"));
  const receipt = JSON.parse(readFileSync(join(ROOT, "crates/zichtbaar-core/tests/data/stored-v1-receipt.json"), "utf8"));
  const ids = [];
  const uuid = (n) => `${n.toString(16).padStart(8, "0")}-1111-4111-8111-${n.toString(16).padStart(12, "0")}`;
  for (let n = 1; n <= 19; n++) {
    const stored = structuredClone(n <= 14 ? receipt : reflection);
    stored.record.id = uuid(n);
    if (n <= 14) stored.record.body.receipt.schoolName = n % 2 ? "Voorbeeldcollege" : "Het Vossius";
    ids.push(stored.record.id);
    await context.addInitScript(seedStorage(`zichtbaar.record.${stored.record.id}`, JSON.stringify(stored)));
  }
  const page = await context.newPage();
  const share = new SharePanel(page);
  const names = [];
  for (const [n, id] of ids.entries()) {
    await page.goto(`${app.url}delen/?record=${id}`);
    await share.waitOpen();
    if (n < 14) await share.others();
    const { name, text } = await download(page, () => share.button("Bestand downloaden").click());
    assert.equal(JSON.parse(text).records[0].id, id);
    names.push(name);
  }
  assert.equal(new Set(names).size, 19, names.join("\n"));
  assert.equal(names.filter((n) => n.startsWith("zichtbaar-ontvangst-")).length, 14);
  assert.equal(names.filter((n) => n.startsWith("zichtbaar-reflectie-")).length, 5);
  await context.close();
  app.assertClean();
});
