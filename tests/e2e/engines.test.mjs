// Every user journey of tests/e2e/engines/journeys.mjs in every engine:
// Chromium, Firefox ESR and WebKitGTK (drivers in tests/e2e/engines/).
// Each engine gets its own server, serving a copy of dist/ (so a journey can
// "deploy" a new build) with the same-origin probe in every page; a journey
// fails on anything the probe reports: an uncaught error, a console error,
// a file that did not load, a CSP violation.
//
// ZB_ENGINES=firefox,webkit runs only those engines; ZB_JOURNEYS=offline
// only the journeys whose name contains one of the words.
import { describe, test, before, after } from "node:test";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer } from "../../scripts/static-server.mjs";
import { DIST, PREFIX, deployNewVersion } from "./support.mjs";
import { ENGINE_NAMES, startEngine } from "./engines/drivers.mjs";
import { JOURNEYS } from "./engines/journeys.mjs";

const PROBE = readFileSync(new URL("./engines/probe.js", import.meta.url), "utf8");
const engines = (process.env.ZB_ENGINES || ENGINE_NAMES.join(",")).split(",").map((e) => e.trim()).filter(Boolean);
const only = (process.env.ZB_JOURNEYS || "").split(",").filter(Boolean);
const journeys = JOURNEYS.filter((jn) => !only.length || only.some((w) => jn.name.includes(w)));

for (const name of engines) {
  describe(name, () => {
    let engine, server, root, tmp;
    const reports = [];
    before(async () => {
      if (!existsSync(join(DIST, "index.html"))) throw new Error("dist/index.html is missing: run ./dev build first");
      tmp = mkdtempSync(join(tmpdir(), `zichtbaar-${name}-`));
      root = join(tmp, "dist");
      cpSync(DIST, root, { recursive: true });
      server = await startServer({ root, prefix: PREFIX, probe: { script: PROBE, reports } });
      engine = await startEngine(name);
    });
    after(async () => {
      await engine?.close();
      await server?.close();
      if (tmp) rmSync(tmp, { recursive: true, force: true });
    });

    for (const journey of journeys) {
      // A browser that hangs fails its journey instead of the whole run.
      test(journey.name, { timeout: 120000 }, async () => {
        const sessions = [];
        const dir = mkdtempSync(join(tmp, "journey-"));
        const j = {
          url: server.url,
          engine: name,
          server,
          tmp: dir,
          async session() {
            const s = await engine.newSession();
            sessions.push(s);
            return s;
          },
          deploy: (mark) => deployNewVersion(server, root, mark),
        };
        try {
          await journey.run(j);
          // Beacons sent just now are still on their way.
          await new Promise((r) => setTimeout(r, 150));
        } finally {
          for (const s of sessions) await s.close().catch(() => {});
          rmSync(dir, { recursive: true, force: true });
        }
        const seen = [...reports.splice(0), ...engine.pageErrors.splice(0)];
        if (seen.length) throw new Error(`problems seen in ${name}:\n  ${seen.join("\n  ")}`);
      });
    }
  });
}
