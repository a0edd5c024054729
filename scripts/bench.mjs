// ./dev bench: size and speed of the release build, against the budgets of
// the reflection tool, measured in one run in headless Chromium on this machine.
//
//   bytes over the wire before the first textarea is editable, on a cold
//     first visit to /reflectie/, gzip -9                               <= 175 KB
//   typing cost per character with autosave on, vs a plain HTML page
//     with the same 36 textareas saving to localStorage on every input  <= 1.25x
//   time until the first textarea is editable, CPU throttled 4x         <= 600 ms
//
// Also printed: the bytes of the whole cold visit, including the service
// worker precaching every file of the app after the page is ready (nobody
// waits for that part), and, with --before DIR, the same
// figures for another build (say, of the previous commit) measured in the
// same run, round by round alternating, so that both see the same machine.
//
// Prints figures; exits 1 when a budget is exceeded. Not part of ./dev test:
// timings belong in a benchmark, not in tests.
//
//   node scripts/bench.mjs [--rounds N] [--before DIST_DIR]
import { gzipSync } from "node:zlib";
import { readFileSync, mkdtempSync, copyFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startServer } from "./static-server.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const ROUNDS = Number(args[args.indexOf("--rounds") + 1]) || 5;
const BEFORE = args.includes("--before") ? args[args.indexOf("--before") + 1] : null;
const CHARS = 300;
const TEXT = "De mentor kent de leerling goed en ziet op tijd wat er speelt. ".repeat(10).slice(0, CHARS);

const BUDGET = { firstKb: 175, typingRatio: 1.25, editableMs: 600 };
const ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// The app, and the plain page in a folder of its own, each under a sub-path.
const app = await startServer({ root: join(ROOT, "dist"), prefix: "/handreiking/" });
const before = BEFORE ? await startServer({ root: BEFORE, prefix: "/handreiking/" }) : null;
const plainDir = mkdtempSync(join(tmpdir(), "zichtbaar-plain-"));
copyFileSync(join(ROOT, "scripts/bench/plain.html"), join(plainDir, "index.html"));
const plain = await startServer({ root: plainDir, prefix: "/plain/" });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: ARGS });

// 1. Bytes over the wire: every response body a cold first visit to
//    /reflectie/ causes, including the service worker precaching the whole
//    app, each gzipped -9. A file sent twice counts twice; a 304 counts nothing.
async function coldLoadBytes(server) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const start = server.sent.length;
  await page.goto(server.url + "reflectie/");
  await page.locator("main textarea").first().waitFor();
  const editable = server.sent.length;
  await page.evaluate(() => navigator.serviceWorker?.ready);
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(500);
  const rows = server.sent.slice(start).map(({ path, file }, i) => {
    const raw = readFileSync(file);
    return { path, raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length, first: start + i < editable };
  });
  await context.close();
  return rows;
}

// 2. Typing: main-thread busy time per character, from Chromium's own counters.
async function typingCost(url, selector, settleMs) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  const box = page.locator(selector).first();
  await box.waitFor();
  await box.click();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable");
  const busy = async () => {
    const { metrics } = await cdp.send("Performance.getMetrics");
    return metrics.find((m) => m.name === "TaskDuration").value;
  };
  await page.waitForTimeout(300);
  const start = await busy();
  await page.keyboard.type(TEXT);
  await page.waitForTimeout(settleMs); // let the autosave write happen, and count it
  const end = await busy();
  const saved = await box.inputValue();
  await context.close();
  if (saved !== TEXT) throw new Error(`typing lost characters on ${url}`);
  return ((end - start) * 1000) / CHARS; // ms per character
}

// 3. Time to the first editable textarea, cold, CPU throttled 4x.
async function editableAt(url) {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    const check = () => {
      const t = document.querySelector("textarea");
      if (t && !t.disabled && !t.readOnly && t.offsetParent !== null) {
        window.__editableAt = performance.now();
        return true;
      }
      return false;
    };
    const observer = new MutationObserver(() => check() && observer.disconnect());
    observer.observe(document, { childList: true, subtree: true });
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await page.goto(url);
  await page.waitForFunction(() => window.__editableAt !== undefined, null, { timeout: 30000 });
  const ms = await page.evaluate(() => window.__editableAt);
  await context.close();
  return ms;
}

const files = await coldLoadBytes(app);
const beforeFiles = before ? await coldLoadBytes(before) : [];
const sum = (rows, pick = () => true) => rows.filter(pick).reduce((s, f) => s + f.gzip, 0);
const totalGzip = sum(files);
const firstGzip = sum(files, (f) => f.first);

const appTyping = [], plainTyping = [], appEditable = [], plainEditable = [];
const beforeTyping = [], beforeEditable = [];
for (let i = 0; i < ROUNDS; i++) {
  // Alternate, so all pages see the same machine conditions.
  appTyping.push(await typingCost(app.url + "reflectie/", "main textarea", 700));
  if (before) beforeTyping.push(await typingCost(before.url + "reflectie/", "main textarea", 700));
  plainTyping.push(await typingCost(plain.url, "textarea", 700));
  appEditable.push(await editableAt(app.url + "reflectie/"));
  if (before) beforeEditable.push(await editableAt(before.url + "reflectie/"));
  plainEditable.push(await editableAt(plain.url));
}
await browser.close();
await app.close();
await before?.close();
await plain.close();

const kb = (b) => (b / 1000).toFixed(1);
console.log("\nCold first visit to /reflectie/, service worker precache included (gzip -9 per response; * = before the first textarea):");
for (const f of files) console.log(`  ${f.first ? "*" : " "} ${f.path.padEnd(50)} ${kb(f.raw).padStart(7)} KB raw  ${kb(f.gzip).padStart(6)} KB gzip`);
const ratio = median(appTyping) / median(plainTyping);
console.log(`\n  whole cold visit with the service worker's precache: ${kb(totalGzip)} KB gzip (no budget: it loads after the page is ready)`);
const results = [
  ["bytes before the first textarea, gzip", `${kb(firstGzip)} KB`, `<= ${BUDGET.firstKb} KB`, firstGzip / 1000 <= BUDGET.firstKb],
  [`typing cost per character (median of ${ROUNDS})`, `${median(appTyping).toFixed(3)} ms vs plain ${median(plainTyping).toFixed(3)} ms = ${ratio.toFixed(2)}x`, `<= ${BUDGET.typingRatio}x`, ratio <= BUDGET.typingRatio],
  [`first textarea editable, CPU 4x (median of ${ROUNDS})`, `${median(appEditable).toFixed(0)} ms (plain page ${median(plainEditable).toFixed(0)} ms)`, `<= ${BUDGET.editableMs} ms`, median(appEditable) <= BUDGET.editableMs],
];
console.log("\nBudgets:");
for (const [what, value, budget, ok] of results) {
  console.log(`  ${ok ? "ok  " : "OVER"} ${what.padEnd(46)} ${value.padEnd(44)} ${budget}`);
}
console.log(`\n  all rounds, typing ms/char: app ${appTyping.map((x) => x.toFixed(3)).join(" ")} | plain ${plainTyping.map((x) => x.toFixed(3)).join(" ")}`);
console.log(`  all rounds, editable ms:    app ${appEditable.map((x) => x.toFixed(0)).join(" ")} | plain ${plainEditable.map((x) => x.toFixed(0)).join(" ")}`);
if (before) {
  const row = (what, a, b, unit, digits) =>
    console.log(`  ${what.padEnd(40)} ${a.toFixed(digits).padStart(9)} ${unit}  ${b.toFixed(digits).padStart(9)} ${unit}  ${(a / b).toFixed(2)}x`);
  console.log(`\nThis build against ${BEFORE}, same run (medians of ${ROUNDS}):`);
  console.log(`  ${"".padEnd(40)} ${"this".padStart(12)}  ${"before".padStart(12)}  ratio`);
  row("bytes, cold load with precache", totalGzip / 1000, sum(beforeFiles) / 1000, "KB", 1);
  row("bytes before the first textarea", firstGzip / 1000, sum(beforeFiles, (f) => f.first) / 1000, "KB", 1);
  row("typing cost per character", median(appTyping), median(beforeTyping), "ms", 3);
  row("first textarea editable, CPU 4x", median(appEditable), median(beforeEditable), "ms", 0);
  console.log(`  all rounds, before: typing ${beforeTyping.map((x) => x.toFixed(3)).join(" ")} | editable ${beforeEditable.map((x) => x.toFixed(0)).join(" ")}`);
}
process.exit(results.every((r) => r[3]) ? 0 : 1);
