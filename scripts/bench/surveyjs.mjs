// The peer for ./dev bench: the handreiking as a SurveyJS survey, the
// library a school or SWV would otherwise use for a questionnaire.
//
// Written from the instrument file itself (instruments/01-ondersteuningsstructuur.toml
// by default), so it follows the data: every item of every section is one
// page, as /reflectie shows one item at a time, with
//
//   - the item's title and intro;
//   - each question, in order (the common item_questions first, then the
//     item's own): a question with a scale is a radiogroup with the scale's
//     options and its "unknown" answer, followed by a comment box labelled
//     with text_label when it has a text answer; a question without a scale
//     is a comment box; title and hint as the question's title and description;
//   - where a question keeps an action plan, a dynamic panel "Acties"
//     (Wat gaan we doen? / Wie (een rol) / Klaar in / Status), empty, with
//     "Actie toevoegen", as /reflectie has;
//   - SurveyJS's own table of contents and progress bar, standing in for
//     /reflectie's overview of items and answered questions.
//
// Autosave is SurveyJS's documented pattern for keeping unfinished answers
// in localStorage ("Save survey progress" in its docs): textUpdateMode
// "onTyping", so a comment's value changes with every keystroke, and
// survey.onValueChanged / onCurrentPageChanged writing survey.data (with the
// page number) to localStorage; on load, survey.data is restored from it.
//
// Everything is copied from node_modules (survey-core, its Dutch strings and
// its default theme's CSS, survey-js-ui, the framework-free renderer with
// Preact inside): nothing comes from a CDN. The CSS is survey-core's
// "fontless" build, the default theme without the @font-face rules that load
// Open Sans from Google's font servers; Zichtbaar uses the system's fonts too.
//
//   node scripts/bench/surveyjs.mjs OUT_DIR [--instrument FILE]
// writes OUT_DIR/index.html and the files it loads. scripts/bench.mjs calls
// writeSurveyPage() into a temporary folder at every run.
import { readFileSync, writeFileSync, copyFileSync, mkdirSync } from "node:fs";
import { join, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "smol-toml";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
export const DEFAULT_INSTRUMENT = join(ROOT, "instruments/01-ondersteuningsstructuur.toml");
// The packages' own files, by path: their package.json "exports" do not list them.
const pkg = (name, file) => join(ROOT, "node_modules", name, file);

/** survey-core's and survey-js-ui's installed versions. */
export function surveyVersions() {
  const version = (name) => JSON.parse(readFileSync(pkg(name, "package.json"), "utf8")).version;
  return { "survey-core": version("survey-core"), "survey-js-ui": version("survey-js-ui") };
}

/** The SurveyJS survey JSON for an instrument (the parsed TOML). */
export function surveyJson(instrument) {
  const scales = new Map((instrument.scales ?? []).map((s) => [s.id, s]));
  const common = instrument.item_questions ?? [];
  const pages = [];
  let questionCount = 0;
  for (const section of instrument.sections ?? []) {
    for (const item of section.items ?? []) {
      const elements = [];
      for (const q of [...common, ...(item.questions ?? [])]) {
        const name = `${item.id}.${q.id}`;
        const textAnswer = q.text_answer ?? true;
        questionCount++;
        if (q.scale) {
          const scale = scales.get(q.scale);
          if (!scale) throw new Error(`question ${name} names scale ${q.scale}, which the instrument lacks`);
          const choices = [...scale.options, ...(scale.unknown ? [scale.unknown] : [])].map((o) => ({ value: o.id, text: o.label }));
          // One question, as in /reflectie: the scale, and the text box
          // under it as SurveyJS's comment area.
          elements.push({
            type: "radiogroup",
            name,
            title: q.text,
            description: q.hint,
            choices,
            colCount: 0,
            ...(textAnswer ? { showCommentArea: true, commentText: q.text_label ?? "Toelichting" } : {}),
          });
        } else {
          elements.push({ type: "comment", name: `${name}.tekst`, title: q.text, description: q.hint, rows: 3, autoGrow: true });
        }
        if (q.actions) {
          elements.push({
            type: "paneldynamic",
            name: `${item.id}.acties`,
            title: "Acties",
            description:
              "Wat gaat er gebeuren, wie doet het en wanneer is het klaar? " +
              "Schrijf bij 'Wie' een rol, zoals 'mentoren' of 'ondersteuningscoördinator'. Geen namen van personen.",
            panelCount: 0,
            noEntriesText: "Nog geen acties.",
            panelAddText: "Actie toevoegen",
            panelRemoveText: "Verwijderen",
            templateTitle: "Actie {panelIndex}",
            templateElements: [
              { type: "comment", name: "wat", title: "Wat gaan we doen?", rows: 2 },
              { type: "text", name: "wie", title: "Wie (een rol)", startWithNewLine: true },
              { type: "text", name: "klaar-in", title: "Klaar in", inputType: "month", startWithNewLine: false },
              {
                type: "dropdown",
                name: "status",
                title: "Status",
                startWithNewLine: false,
                defaultValue: "gepland",
                choices: [
                  { value: "gepland", text: "Gepland" },
                  { value: "bezig", text: "Bezig" },
                  { value: "klaar", text: "Klaar" },
                  { value: "gestopt", text: "Gestopt" },
                ],
              },
            ],
          });
        }
      }
      const details = (item.details ?? []).map((d) => `${d.label}: ${d.text}`).join("\n");
      pages.push({
        name: item.id,
        title: item.title,
        description: [item.intro, details].filter(Boolean).join("\n\n"),
        navigationTitle: item.title,
        elements,
      });
    }
  }
  return {
    json: {
      title: instrument.title,
      description: instrument.intro,
      locale: "nl",
      textUpdateMode: "onTyping",
      showTOC: true,
      showProgressBar: true,
      progressBarType: "questions",
      showQuestionNumbers: "off",
      pages,
    },
    items: pages.length,
    questions: questionCount,
  };
}

// Runs in the page, after survey-core, its Dutch strings and survey-js-ui.
// SurveyJS's documented localStorage pattern, word for word but for the key.
const PAGE_SCRIPT = `
const storageItemKey = "surveyjs-handreiking";
const survey = new Survey.Model(SURVEY_JSON);

function saveSurveyData(survey) {
  const data = survey.data;
  data.pageNo = survey.currentPageNo;
  window.localStorage.setItem(storageItemKey, JSON.stringify(data));
}
survey.onValueChanged.add(saveSurveyData);
survey.onCurrentPageChanged.add(saveSurveyData);

const prevData = window.localStorage.getItem(storageItemKey) || null;
if (prevData) {
  const data = JSON.parse(prevData);
  survey.data = data;
  if (data.pageNo) {
    survey.currentPageNo = data.pageNo;
  }
}

document.addEventListener("DOMContentLoaded", () => {
  survey.render(document.getElementById("surveyContainer"));
});
`;

/**
 * Writes the SurveyJS page for an instrument into `dir` (made if missing):
 * index.html, survey.js and the library files. Returns what it wrote.
 */
export function writeSurveyPage(dir, instrumentFile = DEFAULT_INSTRUMENT) {
  mkdirSync(dir, { recursive: true });
  const instrument = parse(readFileSync(instrumentFile, "utf8"));
  const { json, items, questions } = surveyJson(instrument);
  const library = {
    "survey.core.min.js": pkg("survey-core", "survey.core.min.js"),
    "dutch.min.js": pkg("survey-core", "i18n/dutch.min.js"),
    "survey-js-ui.min.js": pkg("survey-js-ui", "survey-js-ui.min.js"),
    "survey-core.fontless.min.css": pkg("survey-core", "survey-core.fontless.min.css"),
  };
  for (const [name, from] of Object.entries(library)) copyFileSync(from, join(dir, name));
  writeFileSync(join(dir, "survey.js"), `const SURVEY_JSON = ${JSON.stringify(json)};\n${PAGE_SCRIPT}`);
  const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;");
  writeFileSync(
    join(dir, "index.html"),
    `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(instrument.title)} (SurveyJS)</title>
<!-- Written by scripts/bench/surveyjs.mjs from ${esc(instrumentFile.replace(ROOT + "/", ""))}; survey-core ${surveyVersions()["survey-core"]}, survey-js-ui ${surveyVersions()["survey-js-ui"]}. -->
<link rel="stylesheet" href="survey-core.fontless.min.css">
<style>:root { --sjs-font-family: system-ui, sans-serif; }</style>
<script src="survey.core.min.js"></script>
<script src="dutch.min.js"></script>
<script src="survey-js-ui.min.js"></script>
<script src="survey.js"></script>
</head>
<body>
<div id="surveyContainer"></div>
</body>
</html>
`,
  );
  return { dir, items, questions, files: ["index.html", "survey.js", ...Object.keys(library)] };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const out = args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--instrument");
  if (!out) {
    console.error("usage: node scripts/bench/surveyjs.mjs OUT_DIR [--instrument FILE]");
    process.exit(2);
  }
  const file = args.includes("--instrument") ? resolve(args[args.indexOf("--instrument") + 1]) : DEFAULT_INSTRUMENT;
  const written = writeSurveyPage(resolve(out), file);
  console.log(`${written.dir}: ${written.items} items, ${written.questions} questions (${written.files.join(", ")})`);
}
