// ./dev bench, second part: the SWV's collection page (/verzamelen) reading
// many shared exports at once, measured in headless Chromium on this machine.
//
//   1,000 export files imported and the summary drawn      <= 1 s
//   10,000 export files imported and the summary drawn     <= 5 s
//   no main-thread task longer than 200 ms meanwhile (the tab stays usable)
//
// For each size it makes the files with the core's own generator
// (crates/zichtbaar-core/examples/make_exports.rs: real instruments,
// export::prepare, byte for byte what the app shares; not timed), opens
// /verzamelen/ in a browser with a new, empty profile on disk, hands every
// file to the file input at once, and waits until the page says "Klaar".
// It prints the import and summary times from the page's own performance
// marks, the records shown against the records made, what IndexedDB holds,
// the JS heap and the wasm memory, the long tasks, and then reloads to time
// reading the collection back from IndexedDB.
//
// What the page must offer (the contract this script relies on):
//   <input type="file" id="c-files-input" multiple>   takes the files
//   #c-status                                        text starts with "Klaar" when an import is done
//   performance.mark("zb-import-start")              files handed to the page
//   performance.mark("zb-import-done")               every file read and stored
//   performance.mark("zb-summary-done")              the summary after that drawn
//   #c-results[data-records]                         distinct records in the collection;
//                                                    written once the stored collection is loaded
//                                                    (the script waits for that before importing)
//
// Targets are printed beside the figures; a figure over its target is marked
// OVER but does not fail the run (with --strict it does). The run fails
// (exit 1) when a measurement could not be made: the page did not finish,
// or it shows another number of records than were made.
//
//   node scripts/bench/collection.mjs [--sizes 1000,10000] [--seed N] [--dist DIR] [--keep] [--strict] [--json FILE]
//
//   --sizes   comma-separated: N is N export files of one record each;
//             Nin1 is one export file holding N records (e.g. 10000in1)
//   --dist    the build to measure (default dist/, as ./dev build writes it)
//   --keep    keep the generated files and browser profiles (their folder is printed)
//   --json    also write every figure to FILE (scripts/bench/report.mjs
//             turns it into BENCHMARKS.md)
// Other options (those of scripts/bench.mjs, passed on by ./dev bench) are ignored.
import { spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readdirSync, rmSync, statSync, existsSync, writeFileSync } from "node:fs";
import { join, dirname, resolve } from "node:path";
import { tmpdir, cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startServer } from "../static-server.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const SIZES = String(option("--sizes", "1000,10000"))
  .split(",")
  .filter(Boolean)
  .map((s) => {
    const m = /^(\d+)(in1)?$/.exec(s.trim());
    if (!m || Number(m[1]) < 1) {
      console.error(`collection bench: not a size: ${s} (use N, or Nin1 for N records in one file)`);
      process.exit(2);
    }
    return { count: Number(m[1]), oneFile: Boolean(m[2]) };
  });
const SEED = option("--seed", "1");
const DIST = resolve(ROOT, option("--dist", "dist"));
const KEEP = args.includes("--keep");
const STRICT = args.includes("--strict");
const JSON_OUT = option("--json", null);

const TARGET = { longTaskMs: 200 };
/** The time target for a number of exports, or null when there is none. */
const readyTarget = (n) => (n <= 1000 ? 1000 : n <= 10000 ? 5000 : null);
const ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];
// Generous, for a slow machine: a 10,000-file import that takes minutes is
// reported, not waited for forever.
const LOAD_MS = 60_000;
const IMPORT_MS = 5 * 60_000;

const say = (s) => console.log(s);
const mb = (bytes) => (bytes == null ? "?" : `${(bytes / 1e6).toFixed(1)} MB`);
const ms = (x) => (x == null ? "?" : `${Math.round(x)} ms`);

// Runs in every document before the app starts: long tasks, every write of
// #c-results[data-records] (with the time, from the document's start), and
// the wasm memory, which Trunk's loader hands out in an event.
function instrument() {
  window.__longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: "longtask", buffered: true });
  } catch {
    window.__longTasks = null; // not supported: reported as "?"
  }
  window.__recordsLog = [];
  const watch = () =>
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.target.id === "c-results" && r.attributeName === "data-records") {
          window.__recordsLog.push({ t: performance.now(), value: r.target.getAttribute("data-records") });
        }
      }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-records"] });
  watch();
  addEventListener("TrunkApplicationStarted", (e) => {
    window.__wasmMemory = e.detail?.wasm?.memory ?? null;
  });
}

function buildGenerator() {
  const started = Date.now();
  const run = spawnSync("cargo", ["build", "--quiet", "--release", "-p", "zichtbaar-core", "--example", "make_exports"], {
    cwd: ROOT,
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (run.status !== 0) throw new Error(`building the generator failed (exit ${run.status})`);
  say(`  generator built in ${((Date.now() - started) / 1000).toFixed(1)} s (crates/zichtbaar-core/examples/make_exports.rs)`);
}

function generate(dir, { count, oneFile }) {
  const started = Date.now();
  const run = spawnSync(
    "cargo",
    ["run", "--quiet", "--release", "-p", "zichtbaar-core", "--example", "make_exports", "--",
      String(count), dir, "--seed", SEED, ...(oneFile ? ["--one-file"] : [])],
    { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "inherit", "pipe"] },
  );
  if (run.status !== 0) {
    process.stderr.write(run.stderr ?? "");
    throw new Error(`the generator failed (exit ${run.status})`);
  }
  const paths = readdirSync(dir).filter((f) => f.endsWith(".json")).sort().map((f) => join(dir, f));
  const bytes = paths.reduce((s, p) => s + statSync(p).size, 0);
  const first = run.stderr.split("\n")[0].replace(/^make_exports: /, "");
  say(`  generated in ${((Date.now() - started) / 1000).toFixed(1)} s (not counted): ${first}`);
  return { paths, bytes };
}

function duBytes(dir) {
  if (!existsSync(dir)) return null;
  let sum = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    sum += entry.isDirectory() ? duBytes(p) : statSync(p).size;
  }
  return sum;
}

// Long tasks from `from` on. Setting thousands of files on an input is one
// long task of the browser's own before the page hears of them (it builds
// the FileList: on a plain page with no script about 0.2 ms per file here);
// only the part of a task after `from` counts, and the part before is
// reported as the hand-over.
const longTasksSince = (tasks, from) => {
  if (!tasks) return { longest: null, over: null, count: null, list: [], handover: null };
  const mine = tasks
    .filter((t) => t.start + t.duration >= from)
    .map((t) => ({ start: Math.max(t.start, from), duration: t.start + t.duration - Math.max(t.start, from) }));
  const overs = mine.filter((t) => t.duration > TARGET.longTaskMs);
  const straddling = tasks.find((t) => t.start < from && t.start + t.duration >= from - 1);
  return {
    longest: mine.reduce((m, t) => Math.max(m, t.duration), 0),
    over: overs.length,
    count: mine.filter((t) => t.duration > 50).length,
    list: overs.map((t) => `${Math.round(t.duration)} ms at +${Math.round(t.start - from)} ms`),
    handover: straddling ? from - straddling.start : null,
  };
};

async function measure(url, size, files, work) {
  const profile = join(work, `profile-${size.count}${size.oneFile ? "in1" : ""}`);
  mkdirSync(profile);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ARGS,
  });
  const problems = [];
  try {
    await context.addInitScript(instrument);
    const page = context.pages()[0] ?? (await context.newPage());
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text().slice(0, 300)}`));
    const cdp = await context.newCDPSession(page);
    await cdp.send("Performance.enable");

    await page.goto(url, { timeout: LOAD_MS });
    const contract = async (what, wait) => {
      try {
        await wait;
      } catch (e) {
        throw new Error(`the page has no ${what} after ${LOAD_MS / 1000} s (is ${DIST} a build with the collection page?): ${e.message.split("\n")[0]}`);
      }
    };
    await contract("#c-files-input", page.locator("#c-files-input").waitFor({ state: "attached", timeout: LOAD_MS }));
    // The page reads its stored collection first and refuses files until
    // then; #c-results[data-records] is written when that is done.
    await contract(
      "#c-results[data-records] written",
      page.waitForFunction(() => window.__recordsLog.length > 0, null, { timeout: LOAD_MS, polling: 50 }),
    );

    const handed = Date.now();
    await page.setInputFiles("#c-files-input", files.paths, { timeout: IMPORT_MS });
    try {
      await page.waitForFunction(
        () => {
          const status = document.querySelector("#c-status")?.textContent.trim() ?? "";
          if (status.startsWith("Wacht")) throw new Error(`the page refused the files: ${status}`);
          return status.startsWith("Klaar");
        },
        null,
        { timeout: IMPORT_MS, polling: 100 },
      );
    } catch (e) {
      const status = await page.locator("#c-status").textContent().catch(() => "?");
      throw new Error(`no "Klaar" after ${Math.round((Date.now() - handed) / 1000)} s (status: ${status?.trim().slice(0, 200)}): ${e.message.split("\n")[0]}`);
    }
    const wallMs = Date.now() - handed;
    // The summary mark comes right before the status says "Klaar"; give a
    // late one a moment anyway.
    await page.waitForFunction(() => performance.getEntriesByName("zb-summary-done").length > 0, null, { timeout: 5000 }).catch(() => {});
    const after = await page.evaluate(async () => {
      const at = (name) => performance.getEntriesByName(name).at(-1)?.startTime ?? null;
      const estimate = await navigator.storage?.estimate?.();
      return {
        start: at("zb-import-start"),
        done: at("zb-import-done"),
        summary: at("zb-summary-done"),
        records: document.querySelector("#c-results")?.getAttribute("data-records"),
        status: document.querySelector("#c-status")?.textContent.trim(),
        longTasks: window.__longTasks,
        usage: estimate?.usage ?? null,
        indexedDb: estimate?.usageDetails?.indexedDB ?? null,
        wasm: window.__wasmMemory?.buffer.byteLength ?? null,
      };
    });
    const metrics = async () => {
      await cdp.send("HeapProfiler.collectGarbage").catch(() => {});
      const { metrics } = await cdp.send("Performance.getMetrics");
      return metrics.find((m) => m.name === "JSHeapUsedSize")?.value ?? null;
    };
    const heap = await metrics();

    // Read back: a reload, timed from the document's start until the page
    // shows the same number of records again.
    const shown = after.records;
    const reloaded = Date.now();
    await page.reload({ waitUntil: "commit", timeout: LOAD_MS });
    let reload = null;
    try {
      reload = await page.waitForFunction(
        (value) => window.__recordsLog?.find((e) => e.value === value)?.t,
        shown,
        { timeout: IMPORT_MS, polling: 100 },
      ).then((h) => h.jsonValue());
    } catch (e) {
      problems.push(`reload: the page did not show ${shown} records again within ${Math.round((Date.now() - reloaded) / 1000)} s`);
    }
    const back = await page.evaluate(() => ({
      longTasks: window.__longTasks,
      wasm: window.__wasmMemory?.buffer.byteLength ?? null,
    }));
    const heapBack = await metrics();
    await context.close();

    const marks = { start: "zb-import-start", done: "zb-import-done", summary: "zb-summary-done" };
    const missing = Object.keys(marks).filter((k) => after[k] == null);
    if (missing.length) problems.push(`performance marks missing: ${missing.map((k) => marks[k]).join(", ")}`);
    return {
      ...size,
      files: files.paths.length,
      bytes: files.bytes,
      importMs: after.done != null && after.start != null ? after.done - after.start : null,
      summaryMs: after.summary != null && after.done != null ? after.summary - after.done : null,
      totalMs: after.summary != null && after.start != null ? after.summary - after.start : null,
      wallMs,
      records: after.records == null ? null : Number(after.records),
      status: after.status,
      tasks: longTasksSince(after.longTasks, after.start ?? 0),
      usage: after.usage,
      indexedDb: after.indexedDb,
      onDisk: duBytes(join(profile, "Default", "IndexedDB")),
      heap,
      wasm: after.wasm,
      reloadMs: reload,
      reloadTasks: longTasksSince(back.longTasks, 0),
      heapBack,
      wasmBack: back.wasm,
      problems,
    };
  } catch (e) {
    await context.close().catch(() => {});
    return { ...size, failed: e.message, problems };
  }
}

// ---- Run

if (!existsSync(join(DIST, "verzamelen", "index.html"))) {
  console.error(`collection bench: ${DIST}/verzamelen/index.html not found; build first (./dev build)`);
  process.exit(1);
}
const work = mkdtempSync(join(tmpdir(), "zichtbaar-collection-"));
const cleanUp = () => {
  if (KEEP) say(`\n  kept: ${work}`);
  else rmSync(work, { recursive: true, force: true });
};
process.on("SIGINT", () => {
  cleanUp();
  process.exit(130);
});

const server = await startServer({ root: DIST, prefix: "/handreiking/" });
const url = server.url + "verzamelen/";
say(`\nCollection page ${url} (${DIST}), Chromium with a new profile on disk per size, ${cpus().length} CPU(s): ${cpus()[0]?.model ?? "?"}`);

const results = [];
try {
  buildGenerator();
  for (const size of SIZES) {
    const label = size.oneFile ? `${size.count.toLocaleString("en")} records in one file` : `${size.count.toLocaleString("en")} files`;
    say(`\n${label}:`);
    const dir = join(work, `exports-${size.count}${size.oneFile ? "in1" : ""}`);
    let files;
    try {
      files = generate(dir, size);
    } catch (e) {
      results.push({ ...size, label, failed: e.message, problems: [] });
      say(`  FAILED: ${e.message}`);
      continue;
    }
    const r = { label, ...(await measure(url, size, files, work)) };
    results.push(r);
    if (!KEEP) rmSync(dir, { recursive: true, force: true });
    if (r.failed) {
      say(`  FAILED: ${r.failed}`);
    } else {
      const target = readyTarget(r.count);
      const ok = (good) => (good ? "ok  " : "OVER");
      const tasksOk = r.tasks.over == null || r.tasks.over === 0;
      say(`  ${mb(r.bytes)} in ${r.files} file(s)`);
      say(`       import (zb-import-start -> zb-import-done)     ${ms(r.importMs).padStart(9)}`);
      say(`       summary (zb-import-done -> zb-summary-done)    ${ms(r.summaryMs).padStart(9)}`);
      say(`  ${r.totalMs == null || target == null ? "    " : ok(r.totalMs <= target)} ready (start -> summary drawn)                ${ms(r.totalMs).padStart(9)}   ${target ? `<= ${target} ms` : "(no target)"}`);
      say(`       wall clock, files handed -> "Klaar"          ${ms(r.wallMs).padStart(9)}   (includes Playwright handing over the files)`);
      say(`  ${r.records === r.count ? "ok  " : "FAIL"} records shown (data-records)                  ${String(r.records ?? "?").padStart(9)}   of ${r.count} made`);
      say(`  ${r.tasks.over == null ? "    " : ok(tasksOk)} longest main-thread task                      ${ms(r.tasks.longest).padStart(9)}   <= ${TARGET.longTaskMs} ms; ${r.tasks.over ?? "?"} task(s) over ${TARGET.longTaskMs} ms, ${r.tasks.count ?? "?"} long task(s) (> 50 ms) in all`);
      if (r.tasks.handover != null) say(`       the file hand-over before zb-import-start      ${ms(r.tasks.handover).padStart(9)}   (one task of the browser's, building the FileList: not counted)`);
      if (r.tasks.list.length) say(`       tasks over ${TARGET.longTaskMs} ms, from zb-import-start: ${r.tasks.list.slice(0, 12).join(", ")}${r.tasks.list.length > 12 ? ", ..." : ""}`);
      say(`       IndexedDB (storage.estimate)                 ${mb(r.indexedDb).padStart(9)}   (all storage of the origin ${mb(r.usage)}; IndexedDB folder on disk ${mb(r.onDisk)})`);
      say(`       JS heap used, after a GC                      ${mb(r.heap).padStart(9)}   wasm memory ${mb(r.wasm)}`);
      say(`       reload until the ${r.records ?? "?"} records show again     ${ms(r.reloadMs).padStart(9)}   (read back from IndexedDB; longest task ${ms(r.reloadTasks.longest)}, ${r.reloadTasks.over ?? "?"} over ${TARGET.longTaskMs} ms)`);
      if (r.reloadTasks.list.length) say(`  OVER on reload, tasks over ${TARGET.longTaskMs} ms from the document's start: ${r.reloadTasks.list.slice(0, 12).join(", ")}`);
      say(`       after the reload: JS heap                     ${mb(r.heapBack).padStart(9)}   wasm memory ${mb(r.wasmBack)}`);
      say(`       status: ${String(r.status).slice(0, 160)}`);
    }
    for (const p of r.problems ?? []) say(`  ! ${p}`);
  }
} finally {
  await server.close();
  cleanUp();
}

// ---- Verdict

const over = [];
const broken = [];
for (const r of results) {
  if (r.failed) {
    broken.push(`${r.label}: ${r.failed}`);
    continue;
  }
  if (r.records !== r.count) broken.push(`${r.label}: ${r.records} records shown of ${r.count} made`);
  if (r.totalMs == null) broken.push(`${r.label}: no performance marks, no figures`);
  const target = readyTarget(r.count);
  if (target != null && r.totalMs != null && r.totalMs > target) over.push(`${r.label}: ready in ${ms(r.totalMs)}, target ${target} ms`);
  if (r.tasks.over) over.push(`${r.label}: ${r.tasks.over} task(s) over ${TARGET.longTaskMs} ms, the longest ${ms(r.tasks.longest)}`);
  if (r.reloadTasks.over) over.push(`${r.label}, reload: ${r.reloadTasks.over} task(s) over ${TARGET.longTaskMs} ms, the longest ${ms(r.reloadTasks.longest)}`);
}
say("\nCollection page:");
for (const line of broken) say(`  FAILED ${line}`);
for (const line of over) say(`  OVER   ${line}`);
if (!broken.length && !over.length) say("  ok     every target met");
if (over.length && !STRICT) say("  (targets are reported, not enforced; --strict makes OVER fail the run)");
if (JSON_OUT) {
  const targets = { longTaskMs: TARGET.longTaskMs, readyMs: Object.fromEntries(results.map((r) => [r.label, readyTarget(r.count)])) };
  writeFileSync(JSON_OUT, JSON.stringify({ seed: SEED, dist: DIST, targets, results, broken, over }, null, 2));
}
process.exit(broken.length || (STRICT && over.length) ? 1 : 0);
