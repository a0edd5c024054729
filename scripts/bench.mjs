// ./dev bench: size and speed of the release build, against the budgets of
// the reflection tool, and side by side with the same handreiking in
// SurveyJS and in a plain HTML page, measured in one run in headless
// Chromium on this machine.
//
// Budgets (Zichtbaar's /reflectie/):
//   bytes over the wire before the first textarea is editable, on a cold
//     first visit, gzip-compressed                                      <= 175 KB
//   typing cost per character with autosave on, vs a plain HTML page
//     with the same 36 textareas saving to localStorage on every input  <= 1.25x
//   time until the first textarea is editable, CPU throttled 4x         <= 600 ms
//
// The three pages, each served by scripts/static-server.mjs over loopback,
// gzip-compressed:
//   plain      scripts/bench/plain.html: 36 textareas, localStorage on every input
//   SurveyJS   the handreiking as a SurveyJS survey, written from the
//              instrument file at every run by scripts/bench/surveyjs.mjs
//   Zichtbaar  /reflectie/ of the build (dist/, or --dist DIR)
//
// Every round measures every page (the order turns each round, so that no
// page always goes first), each time in a new browser context: an empty,
// cold profile. Per page and round:
//   load     CPU throttled 4x: time until the first textarea is editable
//            (from the document's start); the bytes the server sent until
//            then and until the network is quiet (the service worker's
//            precache included); then, after a garbage collection, the JS
//            heap in use, wasm memory (Zichtbaar only) and the number of DOM
//            elements
//   typing   CPU throttled 4x too (an old school laptop): 300 characters
//            typed into the first textarea,
//            main-thread busy time per character from Chromium's own
//            counters, with the autosave it causes (700 ms to settle); then
//            a few words typed into the second textarea and the page reloaded
//            right after the last keystroke: is all text still there?
// Printed: medians per page, and ratios against SurveyJS. Every page loads
// from this machine alone (everything is copied from node_modules); a request
// to anywhere else fails the run.
//
// Prints figures; exits 1 when a budget is exceeded or a measurement
// fails. Not part of ./dev test: timings belong in a benchmark, not in tests.
//
//   node scripts/bench.mjs [--rounds N] [--dist DIR] [--before DIR] [--json FILE]
//
//   --rounds  rounds per page (default 5)
//   --dist    the build to measure (default dist/, as ./dev build writes it)
//   --before  also measure another build (say, of the previous commit) in the
//             same run, round by round, so that both see the same machine
//   --json    also write every figure to FILE (scripts/bench/report.mjs
//             turns it into BENCHMARKS.md)
// Other options (those of scripts/bench/collection.mjs, passed on by
// ./dev bench) are ignored.
import { mkdtempSync, copyFileSync, writeFileSync, existsSync, rmSync } from "node:fs";
import { join, dirname, resolve } from "node:path";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startServer } from "./static-server.mjs";
import { writeSurveyPage, surveyVersions } from "./bench/surveyjs.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const ROUNDS = Number(option("--rounds")) || 5;
const DIST = resolve(ROOT, option("--dist", "dist"));
const BEFORE = option("--before", null);
const JSON_OUT = option("--json", null);
const CHARS = 300;
const TEXT = "De mentor kent de leerling goed en ziet op tijd wat er speelt. ".repeat(10).slice(0, CHARS);
// Typed into the second textarea, then the page is reloaded at once.
const LAST = "Tot de laatste toets bewaard";

const BUDGET = { firstKb: 175, typingRatio: 1.25, editableMs: 600 };
const THROTTLE = 4;
const ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

const median = (xs) => {
  const s = xs.filter((x) => x != null).sort((a, b) => a - b);
  if (!s.length) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

for (const dir of [DIST, BEFORE].filter(Boolean)) {
  if (!existsSync(join(dir, "reflectie", "index.html"))) {
    console.error(`bench: ${dir}/reflectie/index.html not found; build first (./dev build)`);
    process.exit(1);
  }
}

// The pages, each in a folder of its own under a sub-path.
const plainDir = mkdtempSync(join(tmpdir(), "zichtbaar-plain-"));
copyFileSync(join(ROOT, "scripts/bench/plain.html"), join(plainDir, "index.html"));
const surveyDir = mkdtempSync(join(tmpdir(), "zichtbaar-surveyjs-"));
const survey = writeSurveyPage(surveyDir);
const servers = {
  plain: await startServer({ root: plainDir, prefix: "/plain/" }),
  surveyjs: await startServer({ root: surveyDir, prefix: "/surveyjs/" }),
  zichtbaar: await startServer({ root: DIST, prefix: "/handreiking/" }),
  ...(BEFORE ? { before: await startServer({ root: BEFORE, prefix: "/handreiking/" }) } : {}),
};
const PAGES = [
  { key: "plain", name: "plain page", url: servers.plain.url, textarea: "textarea" },
  { key: "surveyjs", name: "SurveyJS", url: servers.surveyjs.url, textarea: "textarea" },
  { key: "zichtbaar", name: "Zichtbaar", url: servers.zichtbaar.url + "reflectie/", textarea: "main textarea", app: true },
  ...(BEFORE ? [{ key: "before", name: "before", url: servers.before.url + "reflectie/", textarea: "main textarea", app: true }] : []),
];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: ARGS });

// Every page must load from this machine alone: a request elsewhere (a CDN,
// a font server) fails the run.
const foreign = new Set();
function watch(context) {
  context.on("request", (r) => {
    const url = r.url();
    if (/^(https?|wss?):/.test(url) && !url.startsWith("http://127.0.0.1:")) foreign.add(url);
  });
  return context;
}

// Waits until the server has had no request for `ms` (the page's own
// requests and its service worker's alike), at most `max` ms.
async function quiet(server, ms = 700, max = 20000) {
  const start = Date.now();
  let count = -1, since = Date.now();
  while (Date.now() - start < max) {
    if (server.sent.length !== count) {
      count = server.sent.length;
      since = Date.now();
    } else if (Date.now() - since >= ms) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

// Runs in every document before its scripts: the moment the first textarea
// is editable, and the wasm memory, which Trunk's loader hands out in an event.
function instrument() {
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
  addEventListener("TrunkApplicationStarted", (e) => {
    window.__wasmMemory = e.detail?.wasm?.memory ?? null;
  });
}

// 1. A cold first visit, CPU throttled 4x: time to the first editable
//    textarea, bytes over the wire, and what the loaded page holds.
async function coldLoad(page) {
  const server = servers[page.key];
  const context = watch(await browser.newContext());
  try {
    await context.addInitScript(instrument);
    const tab = await context.newPage();
    const cdp = await context.newCDPSession(tab);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: THROTTLE });
    await cdp.send("Performance.enable");
    const start = server.sent.length;
    await tab.goto(page.url);
    await tab.waitForFunction(() => window.__editableAt !== undefined, null, { timeout: 60000, polling: 50 });
    const { editableMs, editableEpoch } = await tab.evaluate(() => ({
      editableMs: window.__editableAt,
      editableEpoch: performance.timeOrigin + window.__editableAt,
    }));
    if (page.app) await tab.evaluate(() => navigator.serviceWorker?.ready);
    await quiet(server);
    const files = server.sent.slice(start).map((f) => ({ ...f, first: f.at <= editableEpoch }));
    await cdp.send("HeapProfiler.collectGarbage");
    const { metrics } = await cdp.send("Performance.getMetrics");
    const held = await tab.evaluate(() => ({
      elements: document.getElementsByTagName("*").length,
      wasm: window.__wasmMemory?.buffer.byteLength ?? null,
    }));
    const sum = (rows) => rows.reduce((s, f) => s + f.transferred, 0);
    return {
      editableMs,
      firstBytes: sum(files.filter((f) => f.first)),
      totalBytes: sum(files),
      requests: files.length,
      heap: metrics.find((m) => m.name === "JSHeapUsedSize").value,
      wasm: held.wasm,
      elements: held.elements,
      files,
    };
  } finally {
    await context.close();
  }
}

// 2. Typing: main-thread busy time per character, from Chromium's own
//    counters; then text typed into the second textarea and a reload right
//    after the last keystroke.
async function typing(page) {
  const context = watch(await browser.newContext());
  try {
    const tab = await context.newPage();
    await tab.goto(page.url);
    const first = tab.locator(page.textarea).first();
    await first.waitFor();
    await first.click();
    const cdp = await context.newCDPSession(tab);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: THROTTLE });
    await cdp.send("Performance.enable");
    const busy = async () => {
      const { metrics } = await cdp.send("Performance.getMetrics");
      return metrics.find((m) => m.name === "TaskDuration").value;
    };
    await tab.waitForTimeout(300);
    const start = await busy();
    await tab.keyboard.type(TEXT);
    await tab.waitForTimeout(700); // let the autosave write happen, and count it
    const end = await busy();
    if ((await first.inputValue()) !== TEXT) throw new Error(`typing lost characters on ${page.url}`);

    const second = tab.locator(page.textarea).nth(1);
    await second.click();
    await tab.keyboard.type(LAST);
    await tab.reload(); // no wait: right after the last keystroke
    const values = async () => [await tab.locator(page.textarea).first().inputValue(), await tab.locator(page.textarea).nth(1).inputValue()];
    await tab.locator(page.textarea).nth(1).waitFor();
    // Give a page that restores its answers after drawing the form 3 s.
    let got = await values();
    for (let t = Date.now(); Date.now() - t < 3000 && (got[0] !== TEXT || got[1] !== LAST); ) {
      await tab.waitForTimeout(100);
      got = await values();
    }
    return {
      msPerChar: ((end - start) * 1000) / CHARS,
      kept: got[0] === TEXT && got[1] === LAST,
      keptChars: (got[0] === TEXT ? TEXT.length : 0) + (LAST.startsWith(got[1]) ? got[1].length : 0),
      typedChars: TEXT.length + LAST.length,
    };
  } finally {
    await context.close();
  }
}

const runs = Object.fromEntries(PAGES.map((p) => [p.key, { load: [], typing: [] }]));
let failed = null;
try {
  for (let round = 0; round < ROUNDS; round++) {
    const order = PAGES.map((_, i) => PAGES[(i + round) % PAGES.length]);
    process.stderr.write(`  round ${round + 1} of ${ROUNDS}: ${order.map((p) => p.name).join(", ")}\n`);
    for (const page of order) runs[page.key].load.push(await coldLoad(page));
    for (const page of order) runs[page.key].typing.push(await typing(page));
  }
  if (foreign.size) throw new Error(`requests left the machine: ${[...foreign].slice(0, 5).join(", ")}`);
} catch (e) {
  failed = e.message.split("\n")[0];
}
const chromiumVersion = browser.version();
await browser.close();
for (const s of Object.values(servers)) await s.close();
for (const dir of [plainDir, surveyDir]) rmSync(dir, { recursive: true, force: true });
if (failed) {
  console.error(`\nbench: a measurement failed: ${failed}`);
  process.exit(1);
}

// ---- Figures

const figures = Object.fromEntries(
  PAGES.map((p) => {
    const { load, typing: typed } = runs[p.key];
    const heapPlusWasm = load.map((l) => l.heap + (l.wasm ?? 0));
    return [
      p.key,
      {
        name: p.name,
        url: p.url,
        firstBytes: median(load.map((l) => l.firstBytes)),
        totalBytes: median(load.map((l) => l.totalBytes)),
        requests: median(load.map((l) => l.requests)),
        editableMs: median(load.map((l) => l.editableMs)),
        msPerChar: median(typed.map((t) => t.msPerChar)),
        heap: median(load.map((l) => l.heap)),
        wasm: p.app ? median(load.map((l) => l.wasm)) : null,
        heapPlusWasm: median(heapPlusWasm),
        elements: median(load.map((l) => l.elements)),
        kept: typed.filter((t) => t.kept).length,
        rounds: typed.length,
        all: {
          editableMs: load.map((l) => l.editableMs),
          msPerChar: typed.map((t) => t.msPerChar),
          keptChars: typed.map((t) => `${t.keptChars}/${t.typedChars}`),
        },
      },
    ];
  }),
);

// What the table shows, row by row: label, the figure, how to print it.
const kb = (b) => (b == null ? "?" : `${(b / 1000).toFixed(1)} KB`);
const mb = (b) => (b == null ? "-" : `${(b / 1e6).toFixed(2)} MB`);
const ROWS = [
  ["bytes over the wire before the first textarea", "firstBytes", kb],
  ["bytes over the wire, whole cold visit", "totalBytes", kb],
  [`first textarea editable, CPU ${THROTTLE}x`, "editableMs", (x) => `${x.toFixed(0)} ms`],
  ["typing, main-thread ms per character", "msPerChar", (x) => `${x.toFixed(3)} ms`],
  ["JS heap in use after load, after a GC", "heap", mb],
  ["wasm memory after load", "wasm", mb],
  ["JS heap + wasm memory", "heapPlusWasm", mb],
  ["DOM elements after load", "elements", (x) => String(Math.round(x))],
];
const ratio = (a, b) => (a == null || b == null || b === 0 ? "-" : `${(a / b).toFixed(a / b < 0.1 ? 3 : 2)}x`);

const zb = figures.zichtbaar;
const files = runs.zichtbaar.load[0].files;
console.log(`\nCold first visit to ${PAGES.find((p) => p.key === "zichtbaar").url} (round 1), service worker precache included (gzip as sent; * = before the first textarea):`);
for (const f of files) {
  console.log(`  ${f.first ? "*" : " "} ${f.path.padEnd(50)} ${kb(f.bytes).padStart(9)} raw  ${kb(f.transferred).padStart(9)} ${f.encoding === "gzip" ? "gzip" : "as is"}`);
}

const keys = PAGES.map((p) => p.key);
const width = 14;
console.log(`\nSide by side, medians of ${ROUNDS} round(s), each a cold profile; ratios against SurveyJS:`);
console.log(`  ${"".padEnd(48)}${keys.map((k) => figures[k].name.padStart(width)).join("")}${keys.filter((k) => k !== "surveyjs").map((k) => `${figures[k].name}/SurveyJS`.padStart(22)).join("")}`);
for (const [label, key, show] of ROWS) {
  const cells = keys.map((k) => (figures[k][key] == null ? "-" : show(figures[k][key])).padStart(width)).join("");
  const ratios = keys.filter((k) => k !== "surveyjs").map((k) => ratio(figures[k][key], figures.surveyjs[key]).padStart(22)).join("");
  console.log(`  ${label.padEnd(48)}${cells}${ratios}`);
}
console.log(`  ${"text kept after a reload right after typing".padEnd(48)}${keys.map((k) => `${figures[k].kept}/${figures[k].rounds}`.padStart(width)).join("")}`);
console.log(`\n  SurveyJS page: survey-core ${surveyVersions()["survey-core"]}, survey-js-ui ${surveyVersions()["survey-js-ui"]}, ${survey.items} items, ${survey.questions} questions, one item a page`);
for (const k of keys) {
  const a = figures[k].all;
  console.log(`  all rounds, ${figures[k].name.padEnd(10)} editable ms ${a.editableMs.map((x) => x.toFixed(0)).join(" ")} | typing ms/char ${a.msPerChar.map((x) => x.toFixed(3)).join(" ")} | kept chars ${a.keptChars.join(" ")}`);
}

const typingRatio = zb.msPerChar / figures.plain.msPerChar;
const results = [
  ["bytes before the first textarea, gzip", kb(zb.firstBytes), `<= ${BUDGET.firstKb} KB`, zb.firstBytes / 1000 <= BUDGET.firstKb],
  [`typing cost per character (median of ${ROUNDS})`, `${zb.msPerChar.toFixed(3)} ms vs plain ${figures.plain.msPerChar.toFixed(3)} ms = ${typingRatio.toFixed(2)}x`, `<= ${BUDGET.typingRatio}x`, typingRatio <= BUDGET.typingRatio],
  [`first textarea editable, CPU ${THROTTLE}x (median of ${ROUNDS})`, `${zb.editableMs.toFixed(0)} ms (plain page ${figures.plain.editableMs.toFixed(0)} ms)`, `<= ${BUDGET.editableMs} ms`, zb.editableMs <= BUDGET.editableMs],
];
console.log("\nBudgets:");
for (const [what, value, budget, ok] of results) {
  console.log(`  ${ok ? "ok  " : "OVER"} ${what.padEnd(46)} ${value.padEnd(44)} ${budget}`);
}
if (BEFORE) {
  const b = figures.before;
  console.log(`\nThis build against ${BEFORE}, same run (medians of ${ROUNDS}):`);
  for (const [label, key, show] of ROWS) {
    if (zb[key] == null || b[key] == null) continue;
    console.log(`  ${label.padEnd(48)} ${show(zb[key]).padStart(12)} ${show(b[key]).padStart(12)}  ${ratio(zb[key], b[key])}`);
  }
}

if (JSON_OUT) {
  writeFileSync(
    JSON_OUT,
    JSON.stringify(
      {
        rounds: ROUNDS,
        throttle: THROTTLE,
        chromium: chromiumVersion,
        dist: DIST,
        before: BEFORE,
        surveyjs: { ...surveyVersions(), items: survey.items, questions: survey.questions },
        typedChars: CHARS,
        lastChars: LAST.length,
        pages: keys,
        figures,
        rows: ROWS.map(([label, key]) => ({ label, key })),
        budgets: results.map(([what, value, budget, ok]) => ({ what, value, budget, ok })),
        zichtbaarFiles: files.map(({ path, bytes, transferred, encoding, first }) => ({ path, bytes, transferred, encoding, first })),
      },
      null,
      2,
    ),
  );
}
process.exit(results.every((r) => r[3]) ? 0 : 1);
