// Takes screenshots of pages of the built app, as a user would see them.
//   node scripts/screenshot.mjs <path-under-app> <out.png> [width] [--full]
// e.g. node scripts/screenshot.mjs reflectie/ /tmp/r.png 320
import { startServer } from "./static-server.mjs";
import { chromium } from "playwright-core";

const [path = "", out = "/tmp/shot.png", width = "1280"] = process.argv.slice(2);
const full = process.argv.includes("--full");
const server = await startServer({ root: "dist", prefix: "/handreiking/" });
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const page = await browser.newPage({ viewport: { width: Number(width), height: 900 }, locale: "nl-NL" });
page.on("console", (m) => console.log(`[${m.type()}] ${m.text()}`));
page.on("pageerror", (e) => console.log(`[pageerror] ${e.message}`));
await page.goto(server.url + path);
await page.locator("main h1").first().waitFor({ timeout: 15000 });
await page.screenshot({ path: out, fullPage: full });
await browser.close();
await server.close();
console.log(out);
