// Hostile text in answers and actions: markup, javascript: links, bidi
// control characters and 100 KB of text are shown as text everywhere they
// appear (editor, overview, document, action plan, share preview, collection
// view), and nothing runs.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startApp, appReady } from "./support.mjs";
import { ReflectiePage, SharePanel, freezeClock, seedStorage, download, importFiles, plain } from "./pages.mjs";

const MARKUP = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script><b>vet</b>`;
const LINKS = `<a href="javascript:window.__xss=3">klik</a> [klik](javascript:window.__xss=4) javascript:window.__xss=5`;
const BIDI = "Links \u202Eetihcser\u202C en \u2067isolaat\u2069 en \u200Fklaar";
const LONG = "Een heel lang antwoord over de ondersteuning. ".repeat(2300); // about 103 KB
const ACTION = `<iframe src="javascript:window.__xss=6"></iframe>Plan`;

const ID = "33333333-2222-4333-8444-555555555555";
const RECORD = {
  schema: 2,
  record: {
    id: ID,
    revision: 3,
    instrument: { id: "ondersteuningsstructuur", version: "2026.2", digest: "sha256:oud" },
    schoolYear: "2026-2027",
    created: "2026-10-01",
    updated: "2026-11-20",
    body: {
      reflection: {
        perspective: "persoonlijk",
        answers: {
          "onderwijsbehoeften-centraal/waar-staan-wij": { scale: "geborgd", text: MARKUP },
          "onderwijsbehoeften-centraal/houden-en-anders": { text: LINKS },
          "onderwijsbehoeften-centraal/aanpak": { text: BIDI },
          "mentoraat/aanpak": { text: LONG },
        },
        actions: {
          "onderwijsbehoeften-centraal": [{ id: "0000000a", what: ACTION, who: `<b>mentoren</b>`, status: "bezig" }],
        },
      },
    },
  },
};

let app, dir;
before(async () => {
  app = await startApp();
  dir = mkdtempSync(join(tmpdir(), "zichtbaar-hostile-"));
});
after(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Nothing ran, and no element came from the answers. */
async function nothingRan(page, where) {
  const found = await page.evaluate(() => ({
    xss: window.__xss,
    elements: [...document.querySelectorAll("main img, main iframe, main script, main b, main [onerror]")].map((e) => e.outerHTML.slice(0, 80)),
    links: [...document.querySelectorAll("a[href]")].map((a) => a.getAttribute("href")).filter((h) => /^\s*javascript:/i.test(h)),
  }));
  assert.deepEqual(found, { xss: undefined, elements: [], links: [] }, where);
}

/** Each text is on the page as text; bidi controls stay inside their own block. */
async function shownAsText(page, texts, where) {
  const main = await page.locator("main").textContent();
  for (const t of texts) assert.ok(main.includes(t), `${where}: ${t.slice(0, 40)} not shown as text`);
  const bidiBlock = await page.evaluate((bidi) => {
    const walker = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.data.includes(bidi)) continue;
      const el = n.parentElement;
      const style = getComputedStyle(el);
      return { display: style.display, bidi: style.unicodeBidi, onlyChild: el.childNodes.length === 1 };
    }
    return null;
  }, BIDI);
  if (texts.includes(BIDI)) assert.ok(bidiBlock, `${where}: no text node holds the bidi answer whole`);
  if (bidiBlock) {
    if (process.env.ZB_DEBUG) console.log(where, bidiBlock);
    assert.ok(
      ["isolate", "plaintext", "isolate-override"].includes(bidiBlock.bidi) ||
        (bidiBlock.onlyChild && /^(block|list-item|table-cell)$/.test(bidiBlock.display)),
      `${where}: bidi text can reorder what is around it: ${JSON.stringify(bidiBlock)}`,
    );
  }
}

test("hostile text is text in the editor, overview, document, action plan, share preview and collection view", async () => {
  const context = await app.newContext();
  context.setDefaultTimeout(20000);
  await freezeClock(context);
  await context.addInitScript(seedStorage(`zichtbaar.record.${ID}`, JSON.stringify(RECORD)));
  const page = await context.newPage();
  const r = await new ReflectiePage(page, app.url).open();

  // Editor: every answer in its box, exactly.
  assert.equal(await r.textbox("Zo hebben wij het georganiseerd").inputValue(), MARKUP);
  assert.equal(await r.textbox("Wat houden we erin? Wat willen we volgend jaar anders?").inputValue(), LINKS);
  assert.equal(await r.textbox("Hoe gaan we dat aanpakken?").inputValue(), BIDI);
  assert.equal(await page.locator("textarea[data-plan]").first().inputValue(), ACTION);
  await nothingRan(page, "editor");
  assert.match(await r.progressText().innerText().then(plain), /4 van 36 vragen beantwoord/);

  // The item with 100 KB, and the overview beside it.
  await r.open("?onderdeel=mentoraat");
  assert.equal(await r.textbox("Hoe gaan we dat aanpakken?").inputValue(), LONG);
  await nothingRan(page, "long answer");

  // Document (print) view.
  await r.open("?weergave=document");
  await shownAsText(page, [MARKUP, LINKS, BIDI, LONG.trim(), ACTION], "document");
  await nothingRan(page, "document");

  // Action plan.
  await r.open("?weergave=actieplan");
  await shownAsText(page, [ACTION, "<b>mentoren</b>"], "action plan");
  await nothingRan(page, "action plan");

  // Share preview, and the file it makes.
  await page.goto(`${app.url}delen/?record=${ID}`);
  await appReady(page);
  const share = new SharePanel(page);
  await share.waitOpen();
  await shownAsText(page, [MARKUP, BIDI], "share preview");
  await nothingRan(page, "share preview");
  const file = await share.fileJson();
  const answers = file.records[0].answers;
  assert.equal(answers["onderwijsbehoeften-centraal/waar-staan-wij"].text, MARKUP);
  assert.equal(answers["mentoraat/aanpak"].text, LONG);
  const { text } = await download(page, () => share.button("Bestand downloaden").click());

  // The collection view reads the shared file.
  const path = join(dir, "vijandig.json");
  writeFileSync(path, text);
  await page.goto(`${app.url}verzamelen/`);
  await appReady(page);
  await importFiles(page, path);
  const item = page.locator("section.zb-summary-item", { has: page.getByRole("heading", { name: "Onderwijsbehoeften centraal, handelingsgericht werken", exact: true }) });
  for (const q of ["Zo hebben wij het georganiseerd", "Hoe gaan we dat aanpakken?"]) {
    const opener = item.getByText(q).first();
    if (await opener.count()) await opener.click();
  }
  await shownAsText(page, [MARKUP, BIDI], "collection view");
  await nothingRan(page, "collection view");
  await context.close();
  app.assertClean();
});
