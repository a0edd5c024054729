// Sharing a reflection: private by default, anonymised in a preview the
// user controls, and every way out carries exactly the previewed bytes.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startApp } from "./support.mjs";
import { ReflectiePage, SharePanel, freezeClock, download, seedStorage, STORED_RECEIPT, plain } from "./pages.mjs";

let app;
before(async () => {
  app = await startApp();
});
after(async () => {
  await app?.close();
});

async function withAnswers(init) {
  const context = await app.newContext();
  await freezeClock(context);
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  const r = new ReflectiePage(page, app.url);
  await r.open();
  await r.choice("Geborgd").check();
  await r.textbox("Zo hebben wij het georganiseerd").fill(
    "Vragen via zorg@voorbeeldcollege.nl of 06-12345678. Besproken met Sanne. Op het Voorbeeldcollege.",
  );
  await r.textbox("Hoe gaan we dat aanpakken?").fill("Werkgroep in januari");
  await r.waitSaved();
  return { context, page, r, share: new SharePanel(page) };
}

async function openShare(r, share) {
  await r.overview().getByRole("link", { name: "Delen met het samenwerkingsverband" }).click();
  await r.page.waitForURL(/\/delen\/\?record=/);
  await share.waitOpen();
}

test("the reflection says it stays private, and there is nothing to share before typing", async () => {
  const context = await app.newContext();
  await freezeClock(context);
  const page = await context.newPage();
  const r = new ReflectiePage(page, app.url);
  await r.open();
  assert.match(await r.overview().innerText().then(plain), /Je reflectie blijft op dit apparaat\. Er gaat niets naar het samenwerkingsverband, tenzij je zelf iets deelt\./);
  await page.goto(`${app.url}reflectie/?weergave=delen`);
  await page.locator("main h1").waitFor();
  assert.match(await page.locator("main").innerText().then(plain), /Er is nog niets ingevuld om te delen\./);
  await context.close();
  app.assertClean();
});

test("found details are left out by default, marked in the preview, and can be kept one by one", async () => {
  const { context, page, r, share } = await withAnswers(
    seedStorage(`zichtbaar.record.${STORED_RECEIPT.record.id}`, JSON.stringify(STORED_RECEIPT)),
  );
  await openShare(r, share);
  // Names to watch for are typed once and kept on this device.
  await page.getByLabel("Namen waar we op letten", { exact: true }).fill("Sanne, Piet");
  await page.getByLabel("Namen waar we op letten", { exact: true }).press("Tab");
  await page.waitForFunction(() => document.getElementById("zb-share-json").textContent.includes("[naam weggelaten]"));

  let file = await share.fileJson();
  const answers = file.records[0].answers;
  assert.equal(
    answers["onderwijsbehoeften-centraal/waar-staan-wij"].text,
    "Vragen via [e-mailadres weggelaten] of [telefoonnummer weggelaten]. Besproken met [naam weggelaten]. Op het [naam weggelaten].",
  );
  assert.equal(answers["onderwijsbehoeften-centraal/waar-staan-wij"].scale, "geborgd");
  assert.equal(file.records[0].school, undefined, "no school unless ticked");
  assert.match(await share.preview().innerText().then(plain), /We vonden 4 gegevens/);
  assert.equal(await share.preview().locator("mark.zb-hit").count(), 4);

  // Keep the phone number after all: focus stays on the button pressed.
  const keep = share.preview().getByRole("button", { name: "06-12345678 toch meesturen" });
  await keep.click();
  assert.match(await share.fileText(), /of 06-12345678\./);
  assert.equal(
    await page.evaluate(() => document.activeElement?.getAttribute("aria-label")),
    "06-12345678 toch weglaten",
  );
  // Leave out a whole answer.
  await share.preview().getByRole("button", { name: "Dit antwoord weglaten" }).last().click();
  file = await share.fileJson();
  assert.equal(file.records[0].answers["onderwijsbehoeften-centraal/aanpak"], undefined);
  // Name the school on purpose.
  await page.getByRole("checkbox", { name: "Naam van onze school meesturen (standaard niet)" }).check();
  await page.waitForFunction(() => document.getElementById("zb-share-json").textContent.includes('"school"'));
  file = await share.fileJson();
  assert.deepEqual(file.records[0].school, { name: "Voorbeeldcollege", brin: "12AB" });
  assert.match(file.records[0].answers["onderwijsbehoeften-centraal/waar-staan-wij"].text, /Op het Voorbeeldcollege\./);
  // The names list was kept on this device for next time.
  assert.equal(await page.evaluate(() => localStorage.getItem("zichtbaar.watch-names")), "Sanne\nPiet");
  await context.close();
  app.assertClean();
});

test("download, share sheet and clipboard all carry exactly the previewed bytes", async () => {
  const { context, page, r, share } = await withAnswers(() => {
    // A phone's share sheet, as far as the page can tell.
    navigator.canShare = (data) => Array.isArray(data?.files) && data.files.length === 1;
    navigator.share = async (data) => {
      window.__shared = { name: data.files[0].name, type: data.files[0].type, text: await data.files[0].text(), title: data.title };
    };
  });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: app.origin });
  await openShare(r, share);
  const shown = await share.fileText();
  assert.ok(!shown.includes("zorg@voorbeeldcollege.nl") && !shown.includes("06-12345678"));

  const { name, text } = await download(page, () => share.button("Bestand downloaden").click());
  // Kind, day and the record's id: five colleagues' files of one day never share a name.
  assert.equal(name, `zichtbaar-reflectie-2026-11-23-${JSON.parse(shown).records[0].id.slice(0, 8)}.json`);
  assert.equal(text, shown);

  await share.button("Delen…").click();
  await page.waitForFunction(() => window.__shared !== undefined);
  const shared = await page.evaluate(() => window.__shared);
  assert.deepEqual(
    { name: shared.name, type: shared.type, text: shared.text },
    { name, type: "application/json", text: shown },
  );
  assert.equal(await share.status().innerText().then(plain), "Verstuurd met het deelmenu.");

  await share.button("Kopiëren").click();
  await page.waitForFunction(() => document.getElementById("zb-share-status")?.textContent.startsWith("Gekopieerd"));
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), shown);

  const mail = await page.getByRole("link", { name: "E-mail opstellen" }).getAttribute("href");
  assert.match(mail, /^mailto:bevestiging@koersvo\.example\?subject=Ondersteuningsstructuur%20op%20school%20%28reflectie%29&body=/);
  assert.ok(decodeURIComponent(mail).includes(name), "the mail names the file to attach");
  await context.close();
  app.assertClean();
});

test("without a share sheet there is no share button, and the other ways remain", async () => {
  const { context, r, share } = await withAnswers();
  await openShare(r, share);
  assert.equal(await share.button("Delen…").count(), 0);
  assert.equal(await share.button("Bestand downloaden").count(), 1);
  assert.equal(await share.button("Kopiëren").count(), 1);
  await context.close();
  app.assertClean();
});
