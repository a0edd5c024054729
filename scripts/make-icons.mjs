// Renders the PNG icons of the web app manifest from public/icon-maskable.svg
// (a full-bleed square, so the same files serve as "maskable" icons: the eye
// stays inside the safe zone). Run by hand when the icon changes, and commit
// the results in public/:
//   node scripts/make-icons.mjs
// The PNGs are reduced to a 16-colour palette: every byte counts, and the
// service worker precaches them on the first visit.
import { chromium } from "playwright-core";
import { readFileSync, writeFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import UPNG from "upng-js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const svg = readFileSync(join(root, "public/icon-maskable.svg"), "utf8");
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
for (const size of [192, 512]) {
  const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
  const rgba = await page.evaluate(async ({ svg, size }) => {
    const img = new Image(size, size);
    img.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svg);
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = size;
    const ctx = canvas.getContext("2d");
    ctx.drawImage(img, 0, 0, size, size);
    return Array.from(ctx.getImageData(0, 0, size, size).data);
  }, { svg, size });
  const png = UPNG.encode([new Uint8Array(rgba).buffer], size, size, 16);
  writeFileSync(join(root, `public/icon-${size}.png`), Buffer.from(png));
  console.log(`public/icon-${size}.png: ${png.byteLength} bytes`);
  await page.close();
}
await browser.close();
