// Writes BENCHMARKS.md from the figures of one ./dev bench run: the JSON
// that scripts/bench.mjs and scripts/bench/collection.mjs write with --json,
// the machine it ran on, and the command. No figure in BENCHMARKS.md is
// typed by hand: `./dev bench --write` measures and calls this.
//
//   node scripts/bench/report.mjs --pages FILE [--collection FILE] --command "./dev bench --write" [--out BENCHMARKS.md]
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { join, dirname, resolve, relative } from "node:path";
import { cpus, totalmem, type, release, arch } from "node:os";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const pagesFile = option("--pages");
const collectionFile = option("--collection");
const command = option("--command", "./dev bench --write");
const out = resolve(ROOT, option("--out", "BENCHMARKS.md"));
if (!pagesFile || !existsSync(pagesFile)) {
  console.error("report: no figures of scripts/bench.mjs (--pages FILE); BENCHMARKS.md not written");
  process.exit(1);
}
const pages = JSON.parse(readFileSync(pagesFile, "utf8"));
const collection = collectionFile && existsSync(collectionFile) ? JSON.parse(readFileSync(collectionFile, "utf8")) : null;

// ---- How figures are written

const kb = (b) => (b == null ? "?" : `${(b / 1000).toFixed(1)} KB`);
const mb = (b) => (b == null ? "–" : `${(b / 1e6).toFixed(2)} MB`);
const ms = (x) => (x == null ? "?" : `${Math.round(x)} ms`);
const FORMAT = {
  firstBytes: kb,
  totalBytes: kb,
  editableMs: ms,
  msPerChar: (x) => `${x.toFixed(3)} ms`,
  heap: mb,
  wasm: mb,
  heapPlusWasm: mb,
  elements: (x) => String(Math.round(x)),
};
const ratio = (a, b) => (a == null || b == null || b === 0 ? "–" : `${(a / b).toFixed(a / b < 0.1 ? 3 : 2)}×`);
const git = (...a) => spawnSync("git", a, { cwd: ROOT, encoding: "utf8" }).stdout.trim();
const table = (head, rows) =>
  [`| ${head.join(" | ")} |`, `|${head.map((_, i) => (i ? " ---: " : " --- ")).join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");

// ---- The machine and the run

const now = new Date();
const cpu = cpus();
const commit = git("rev-parse", "--short", "HEAD");
// BENCHMARKS.md itself does not count: the last run changed it.
const dirty = git("status", "--porcelain", "--untracked-files=no", "--", ".", ":!BENCHMARKS.md") ? " (with uncommitted changes)" : "";
// The build measured: this checkout's dist/ (built by ./dev bench from this
// commit), or a folder given with --dist, named by its wasm file.
const ownBuild = resolve(pages.dist) === resolve(ROOT, "dist");
const wasm = pages.zichtbaarFiles.find((x) => x.path.endsWith("_bg.wasm") && x.first)?.path.split("/").pop();
const build = ownBuild
  ? `Zichtbaar at commit \`${commit}\`${dirty}, built into \`dist/\``
  : `Zichtbaar's build in \`${pages.dist}\` (given with --dist${wasm ? `; its wasm \`${wasm}\`` : ""}), measured by the scripts at commit \`${commit}\`${dirty}`;
const f = pages.figures;
const keys = pages.pages;
const others = keys.filter((k) => k !== "surveyjs");
const sj = pages.surveyjs;

const side = table(
  ["", ...keys.map((k) => f[k].name), ...others.map((k) => `${f[k].name} / SurveyJS`)],
  [
    ...pages.rows.map(({ label, key }) => [
      label,
      ...keys.map((k) => (f[k][key] == null ? "–" : FORMAT[key](f[k][key]))),
      ...others.map((k) => ratio(f[k][key], f.surveyjs[key])),
    ]),
    ["text kept after a reload right after typing (rounds)", ...keys.map((k) => `${f[k].kept} of ${f[k].rounds}`), ...others.map(() => "")],
  ],
);
const rounds = keys
  .map((k) => `- ${f[k].name}: first textarea editable ${f[k].all.editableMs.map((x) => Math.round(x)).join(", ")} ms; typing ${f[k].all.msPerChar.map((x) => x.toFixed(3)).join(", ")} ms per character; characters back after the reload ${f[k].all.keptChars.join(", ")}`)
  .join("\n");
const budgets = table(
  ["budget (Zichtbaar)", "figure", "limit", ""],
  pages.budgets.map((b) => [b.what, b.value, b.budget.replace("<=", "≤"), b.ok ? "ok" : "**over**"]),
);
const files = table(
  ["response", "size", "sent (gzip)", "before the first textarea"],
  pages.zichtbaarFiles.map((x) => [`\`${x.path}\``, kb(x.bytes), x.encoding === "gzip" ? kb(x.transferred) : `${kb(x.transferred)} (as is)`, x.first ? "yes" : ""]),
);

let collectionPart = "Not measured in this run.";
if (collection) {
  const ok = collection.results.filter((r) => !r.failed);
  const rows = [
    ["exports read", (r) => `${r.files.toLocaleString("en")} file(s), ${r.count.toLocaleString("en")} records, ${(r.bytes / 1e6).toFixed(1)} MB`],
    ["import (files handed over → all read and stored)", (r) => ms(r.importMs)],
    ["summary drawn after that", (r) => ms(r.summaryMs)],
    ["ready (import + summary)", (r) => `${ms(r.totalMs)} (target ≤ ${collection.targets.readyMs[r.label] ?? "–"} ms)`],
    ["records shown", (r) => `${r.records} of ${r.count}`],
    ["longest main-thread task", (r) => `${ms(r.tasks.longest)} (target ≤ ${collection.targets.longTaskMs} ms; ${r.tasks.over} over)`],
    ["IndexedDB used", (r) => mb(r.indexedDb)],
    ["JS heap after a GC / wasm memory", (r) => `${mb(r.heap)} / ${mb(r.wasm)}`],
    ["reload until the records show again", (r) => ms(r.reloadMs)],
  ];
  collectionPart = [
    ok.length ? table(["", ...ok.map((r) => r.label)], rows.map(([label, show]) => [label, ...ok.map(show)])) : "",
    ...collection.broken.map((b) => `- failed: ${b}`),
    ...collection.over.map((o) => `- over target: ${o}`),
  ]
    .filter(Boolean)
    .join("\n\n");
}

const md = `# Benchmarks

Zichtbaar side by side with the same handreiking in [SurveyJS](https://surveyjs.io) and in a plain HTML page, and the collection page reading many exports: the figures of the last \`./dev bench --write\`. This file is written by that command (\`scripts/bench/report.mjs\`); no figure in it is typed by hand. To bring it up to date, run the command again.

- **Date:** ${now.toISOString().slice(0, 16).replace("T", " ")} UTC
- **Machine:** ${cpu.length} CPU core(s), ${cpu[0]?.model?.trim() ?? "?"}; ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory; ${type()} ${release()} (${arch()}); Node.js ${process.versions.node}; Chromium ${pages.chromium}, headless
- **Command:** \`${command}\`
- **Measured:** ${build}; SurveyJS survey-core ${sj["survey-core"]} with survey-js-ui ${sj["survey-js-ui"]}; ${pages.rounds} round(s) per page${pages.rounds < 5 ? " (fewer than 5: a trial run, not figures to quote)" : ""}

## Zichtbaar, SurveyJS and a plain page

Medians of ${pages.rounds} round(s); every load in a new, empty browser profile. The last columns divide by SurveyJS's figure: below 1× is smaller or faster than SurveyJS.

${side}

Every round:

${rounds}

${budgets}

## Zichtbaar's first visit, response by response

Round 1, from the first request until the network is quiet, the service worker's copy of the whole app included.

${files}

## The collection page (\`/verzamelen\`)

Exports made by the core's own generator (\`crates/zichtbaar-core/examples/make_exports.rs\`${collection ? `, seed ${collection.seed}` : ""}), handed to the file input at once, in a new browser profile per size, not throttled.

${collectionPart}

## How to read these figures

**What is compared.** Three pages hold the same handreiking: 2 uitgangspunten and 10 bouwstenen, each with the same three questions, the first with the scale "Nog niet zichtbaar" to "Geborgd" plus "Weet ik niet".

- *Zichtbaar* is \`/reflectie/\` of the release build.
- *SurveyJS* is the survey library a school or samenwerkingsverband would otherwise use. Its page is written at every run by \`scripts/bench/surveyjs.mjs\` from \`instruments/01-ondersteuningsstructuur.toml\`, so it follows the data: ${sj.items} items, ${sj.questions} questions. Each question with a scale is a radio group with the text box under it (SurveyJS's comment area, labelled "Zo hebben wij het georganiseerd"), the other two questions are text boxes, and the question that keeps an action plan has an empty list of actions with "Actie toevoegen", as in Zichtbaar. It loads survey-core, its Dutch texts, survey-js-ui (the renderer without a framework of its own; it carries Preact) and the default theme's stylesheet, all copied from \`node_modules\`. The stylesheet is SurveyJS's "fontless" build: the default one fetches the Open Sans font from Google, which this comparison leaves out, since Zichtbaar uses the device's own fonts as well. It saves as SurveyJS documents for keeping unfinished answers: \`textUpdateMode: "onTyping"\`, and on every \`onValueChanged\` (and page change) the whole \`survey.data\` goes to \`localStorage\`, read back into \`survey.data\` on load.
- *The plain page* (\`scripts/bench/plain.html\`) is the floor: 36 text boxes and a few lines of script that write \`localStorage\` on every keystroke and fill the boxes from it on load. No app can be cheaper than this.

**One item at a time.** Zichtbaar's \`/reflectie/\` shows one item with its three questions and its actions, with an overview of all items beside it. The SurveyJS page is built the same way: one page per item, with SurveyJS's table of contents beside it and its progress bar ("Geantwoord 0/36 vragen"). One long page with all 12 items would make SurveyJS draw twelve times as many questions before the first text box can be used, which no school would see in Zichtbaar; the plain page is one long page, being the floor.

**How it is measured.** Headless Chromium on the machine above. Each page is served by \`scripts/static-server.mjs\` over loopback (127.0.0.1), every file gzip-compressed (level 9) except images. Each page is measured in every round, the order turning each round, each time in a new browser context: a cold profile with nothing cached and nothing stored. Nothing is fetched from outside the machine.

- *Bytes over the wire*: the body bytes the server sent, compressed as sent; headers are not counted. "Before the first textarea" counts the requests that reached the server before a text box became usable; "whole cold visit" counts everything until the network has been quiet for 0.7 s. For Zichtbaar the latter includes the service worker fetching every file of the app (also \`/verzamelen\`'s own bundle) so that it works offline from then on; nobody waits for that part. The other two pages keep no offline copy.
- *First textarea editable*: with the CPU slowed down 4 times (Chromium's own throttling, to stand in for a school laptop), the time from the start of the page's navigation until a visible text box that is not disabled is in the page.
- *Typing*: 300 characters typed into the first text box, with the CPU throttled 4x as for loading (an old school laptop), and the main thread's busy time from Chromium's own counters during the typing and the 0.7 s after it, divided by 300. This includes handling each key, drawing it and the saving it causes. Zichtbaar writes its storage 0.3 s after the last change and at once when the page is left; SurveyJS and the plain page write on every keystroke.
- *JS heap*: the JavaScript heap in use once the page has loaded, after a forced garbage collection. Zichtbaar keeps part of its state in WebAssembly memory, which the JS heap does not count, so "JS heap + wasm memory" is the figure to compare.
- *DOM elements*: the number of elements in the page after load.
- *Text kept after a reload*: after the typing, ${pages.lastChars} more characters go into the second text box and the page is reloaded right after the last keystroke; a round counts when both text boxes hold all their text again after the reload (within 3 s).
- *Collection*: how long \`/verzamelen\` takes to read 1,000 and 10,000 shared exports into IndexedDB and draw the summary, from the page's own performance marks; whether the tab stays usable meanwhile (the longest main-thread task); the storage and memory it takes; and how long reading the collection back takes after a reload.

**Reading the numbers.** Medians damp a slow round, but times in milliseconds still depend on the machine and on what else it does: compare the pages within one run (the ratios), not one run's milliseconds with another's. Bytes, DOM elements and the heap hardly vary between rounds; times do. A figure from a run with fewer than 5 rounds, or on a busy machine, is a trial, not a result. The budgets are Zichtbaar's own limits from \`scripts/bench.mjs\`; \`./dev bench\` exits with 1 when one is exceeded.

**Reproduce.** On a fresh clone, \`./dev bench --write\` installs what is missing, builds the release app, measures and writes this file; \`--rounds N\` for more rounds, \`--dist DIR\` to measure a build that is already there instead. This file was written by \`${command}\`.
`;

writeFileSync(out, md);
console.log(`\nWrote ${out.startsWith(ROOT + "/") ? relative(ROOT, out) : out}`);
