// One small driver for the user journeys in three engines, so each journey
// is written once (tests/e2e/engines/journeys.mjs):
//
// - chromium: Debian's Chromium through playwright-core (CDP);
// - firefox: Debian's Firefox ESR through playwright-core over WebDriver
//   BiDi (`channel: "moz-firefox"`), no geckodriver;
// - webkit: WebKitGTK's MiniBrowser through WebKitWebDriver (classic
//   WebDriver, selenium-webdriver), in a virtual X display (Xvfb).
//
// What the three do not share is kept out of the journeys: no init scripts
// (classic WebDriver has none), no clock control, no download events
// (Firefox over BiDi fires none, WebKit has no download directory), no
// offline switch (the test server stops answering instead), no console log
// (the same-origin probe, probe.js, reports errors to the server).
//
// Selectors are CSS, or XPath when they start with "/" or "(".
import { chromium, firefox } from "playwright-core";
import { Builder, By } from "selenium-webdriver";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { CHROMIUM_ARGS } from "../support.mjs";

export const ENGINE_NAMES = ["chromium", "firefox", "webkit"];

const FIREFOX = process.env.FIREFOX || "/usr/bin/firefox-esr";
const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER || "/usr/bin/WebKitWebDriver";
const MINIBROWSER = process.env.MINIBROWSER || "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";

/** Starts `name` and resolves to { name, newSession(), close() }. */
export async function startEngine(name) {
  switch (name) {
    case "chromium":
      return playwrightEngine(name, () =>
        chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: CHROMIUM_ARGS }),
      );
    case "firefox":
      return playwrightEngine(name, () =>
        firefox.launch({ channel: "moz-firefox", executablePath: FIREFOX, headless: true }),
      );
    case "webkit":
      return webkitEngine();
    default:
      throw new Error(`unknown engine ${name}; known: ${ENGINE_NAMES.join(", ")}`);
  }
}

const isXPath = (selector) => selector.startsWith("/") || selector.startsWith("(");

/** What every tab can do, built on eval(); the engines add the rest. */
class BaseTab {
  /** Polls `fn(arg)` in the page until it returns something truthy; resolves to that. */
  async waitFor(fn, arg, { timeout = 15000, what } = {}) {
    const end = Date.now() + timeout;
    let last;
    for (;;) {
      try {
        last = await this.eval(fn, arg ?? null);
        if (last) return last;
      } catch (e) {
        // A navigation under way: the page is not there to ask yet.
        last = e.message;
      }
      if (Date.now() > end) {
        throw new Error(`waited ${timeout} ms for ${what ?? fn.toString().slice(0, 200)} (last: ${String(last).slice(0, 200)})`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Waits until the app has drawn its main heading. */
  ready() {
    return this.waitFor(() => {
      const h1 = document.querySelector("main h1");
      return h1 && h1.getClientRects().length > 0 && h1.textContent.trim();
    }, null, { what: "the page's main heading" });
  }

  async open(url) {
    await this.goto(url);
    return this.ready();
  }

  url() {
    return this.eval(() => location.href);
  }

  /** The value of a form field. */
  value(selector) {
    return this.eval(([s, x]) => findOne(s, x).value, [selector, isXPath(selector)]);
  }

  /** The text of an element as a user reads it (without soft hyphens). */
  text(selector) {
    return this.eval(([s, x]) => findOne(s, x).innerText.replaceAll("\u00ad", ""), [selector, isXPath(selector)]);
  }

  checked(selector) {
    return this.eval(([s, x]) => findOne(s, x).checked, [selector, isXPath(selector)]);
  }

  count(selector) {
    return this.eval(([s, x]) => findAll(s, x).length, [selector, isXPath(selector)]);
  }

  focusedId() {
    return this.eval(() => document.activeElement?.id ?? "");
  }

  /**
   * Catches every file the page hands out as a download from now on
   * (an <a download> clicked with a blob: URL), instead of downloading it;
   * files() reads them back. Works alike in every engine.
   */
  catchFiles() {
    return this.eval(() => {
      if (window.__zbFiles) return true;
      const files = (window.__zbFiles = []);
      const blobs = new Map();
      const create = URL.createObjectURL;
      URL.createObjectURL = function (object) {
        const url = create.call(URL, object);
        blobs.set(url, object);
        return url;
      };
      const click = HTMLAnchorElement.prototype.click;
      HTMLAnchorElement.prototype.click = function () {
        const blob = blobs.get(this.href);
        if (this.hasAttribute("download") && blob) {
          files.push({ name: this.download, blob });
          return;
        }
        return click.call(this);
      };
      return true;
    });
  }

  /**
   * Lays the page out as it prints, in every engine: the rules of every
   * `@media print` block of the page's own style sheets apply from now on,
   * on top of the screen rules, as when printing. (Playwright's print
   * emulation does not reach Firefox over BiDi, and WebDriver has none.)
   */
  asPrinted() {
    return this.eval(() => {
      let changed = 0;
      for (const sheet of document.styleSheets) {
        for (const rule of sheet.cssRules) {
          if (rule instanceof CSSMediaRule && rule.media.mediaText === "print") {
            rule.media.mediaText = "all";
            changed++;
          }
        }
      }
      return changed;
    });
  }

  /** Whether an element is drawn at all (not display: none, not zero-sized). */
  visible(selector) {
    return this.eval(([s, x]) => findAll(s, x).some((e) => e.getClientRects().length > 0), [selector, isXPath(selector)]);
  }

  /** The files caught since catchFiles(), as { name, text }. */
  files() {
    return this.eval(() =>
      Promise.all((window.__zbFiles ?? []).map(async (f) => ({ name: f.name, text: await f.blob.text() }))),
    );
  }

  /** Waits for the n-th caught file (1-based) and resolves to it. */
  async file(n = 1) {
    await this.waitFor((k) => (window.__zbFiles ?? []).length >= k, n, { what: `file ${n}` });
    return (await this.files())[n - 1];
  }
}

// The page-side lookups used by BaseTab; installed with every eval.
const LOOKUPS = `
  function findAll(s, x) {
    if (!x) return [...document.querySelectorAll(s)];
    const r = document.evaluate(s, document, null, XPathResult.ORDERED_NODE_SNAPSHOT_TYPE, null);
    return Array.from({ length: r.snapshotLength }, (_, i) => r.snapshotItem(i));
  }
  function findOne(s, x) {
    const all = findAll(s, x);
    if (all.length !== 1) throw new Error(all.length + " elements match " + s);
    return all[0];
  }
`;

/** `fn` as a page function that also sees findAll/findOne. */
function withLookups(fn) {
  const source = fn.toString();
  if (!/find(All|One)\(/.test(source)) return fn;
  // eslint-disable-next-line no-new-func
  return new Function("arg", `${LOOKUPS}\nreturn (${source})(arg);`);
}

// ---- Playwright: Chromium and Firefox ------------------------------------

async function playwrightEngine(name, launch) {
  const browser = await launch();
  const pageErrors = [];
  return {
    name,
    pageErrors,
    async newSession() {
      const context = await browser.newContext({ locale: "nl-NL", viewport: { width: 1280, height: 900 } });
      context.setDefaultTimeout(15000);
      const wrap = (page) => {
        page.on("pageerror", (e) => pageErrors.push(`uncaught on ${page.url()}: ${e.message}`));
        return new PlaywrightTab(page);
      };
      const first = wrap(await context.newPage());
      return {
        tab: first,
        async newTab() {
          return wrap(await context.newPage());
        },
        close: () => context.close(),
      };
    },
    close: () => browser.close(),
  };
}

class PlaywrightTab extends BaseTab {
  constructor(page) {
    super();
    this.page = page;
  }
  locator(selector) {
    return this.page.locator(isXPath(selector) ? `xpath=${selector}` : selector);
  }
  goto(url) {
    return this.page.goto(url);
  }
  reload() {
    return this.page.reload();
  }
  eval(fn, arg = null) {
    const f = withLookups(fn);
    return f === fn ? this.page.evaluate(fn, arg) : this.page.evaluate(`(${f.toString()})(${JSON.stringify(arg)})`);
  }
  click(selector) {
    return this.locator(selector).click();
  }
  /** Types at the end of the field's text, as WebDriver's Element Send Keys does. */
  async type(selector, text) {
    await this.locator(selector).evaluate((el) => {
      el.focus();
      const end = el.value.length;
      el.setSelectionRange?.(end, end);
    });
    await this.page.keyboard.type(text);
  }
  setFiles(selector, paths) {
    return this.locator(selector).setInputFiles(paths);
  }
  async select(selector, value) {
    await this.locator(selector).selectOption(value);
  }
  async viewport(width, height) {
    await this.page.setViewportSize({ width, height });
    return [width, height];
  }
  close() {
    return this.page.close();
  }
}

// ---- WebKit: WebKitWebDriver and MiniBrowser ------------------------------

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Starts Xvfb on a free display; resolves to { display, stop() }. */
function startXvfb() {
  return new Promise((resolve, reject) => {
    const x = spawn("Xvfb", ["-displayfd", "3", "-screen", "0", "1280x1024x24", "-nolisten", "tcp"], {
      stdio: ["ignore", "ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    x.stderr.on("data", (d) => (err += d));
    x.stdio[3].on("data", (d) => {
      out += d;
      if (out.includes("\n")) resolve({ display: `:${out.trim()}`, stop: () => x.kill() });
    });
    x.once("error", reject);
    x.once("exit", (code) => reject(new Error(`Xvfb ended (${code}): ${err}`)));
  });
}

async function webkitEngine() {
  for (const [what, path] of [["WebKitWebDriver", WEBKIT_DRIVER], ["MiniBrowser", MINIBROWSER]]) {
    if (!existsSync(path)) throw new Error(`${what} not found at ${path}: run ./dev setup`);
  }
  const xvfb = await startXvfb();
  const port = await freePort();
  const driverProcess = spawn(WEBKIT_DRIVER, [`--port=${port}`, "--host=127.0.0.1"], {
    env: { ...process.env, DISPLAY: xvfb.display },
    stdio: "ignore",
  });
  const server = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${server}/status`)).ok) break;
    } catch {
      // not listening yet
    }
    if (i > 100) throw new Error("WebKitWebDriver did not start");
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    name: "webkit",
    pageErrors: [],
    async newSession() {
      const capabilities = {
        browserName: "MiniBrowser",
        "webkitgtk:browserOptions": { binary: MINIBROWSER, args: ["--automation"] },
        timeouts: { script: 15000, pageLoad: 30000, implicit: 0 },
      };
      const driver = await new Builder().usingServer(server).withCapabilities(capabilities).build();
      watch(driver);
      await driver.manage().window().setRect({ width: 1280, height: 900 });
      const state = { driver, current: await driver.getWindowHandle(), handles: [] };
      const first = new WebDriverTab(state, state.current);
      state.handles.push(state.current);
      return {
        tab: first,
        async newTab() {
          await driver.switchTo().newWindow("tab");
          const handle = await driver.getWindowHandle();
          state.current = handle;
          state.handles.push(handle);
          return new WebDriverTab(state, handle);
        },
        close: () => driver.quit(),
      };
    },
    async close() {
      driverProcess.kill();
      xvfb.stop();
    },
  };
}

/**
 * Every WebDriver command of `driver` either answers within 40 s or fails
 * with its name and the commands before it, so a browser that stops
 * answering fails the journey with a reason instead of hanging it.
 */
function watch(driver) {
  const execute = driver.execute.bind(driver);
  const recent = [];
  driver.execute = (command) => {
    const name = command.getName();
    const started = Date.now();
    let timer;
    const hung = new Promise((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`WebKit gave no answer to ${name} in 40 s; the commands before it: ${recent.join(", ")}`)),
        40000,
      );
    });
    return Promise.race([execute(command), hung]).finally(() => {
      clearTimeout(timer);
      recent.push(`${name} (${Date.now() - started} ms)`);
      if (recent.length > 8) recent.shift();
    });
  };
}

class WebDriverTab extends BaseTab {
  constructor(state, handle) {
    super();
    this.state = state;
    this.handle = handle;
  }
  async use() {
    if (this.state.current !== this.handle) {
      await this.state.driver.switchTo().window(this.handle);
      this.state.current = this.handle;
    }
    return this.state.driver;
  }
  async element(selector) {
    const driver = await this.use();
    return driver.findElement(isXPath(selector) ? By.xpath(selector) : By.css(selector));
  }
  async goto(url) {
    await (await this.use()).get(url);
  }
  async reload() {
    await (await this.use()).navigate().refresh();
  }
  async eval(fn, arg = null) {
    const driver = await this.use();
    const f = withLookups(fn);
    // W3C Execute Script waits for a returned promise.
    return driver.executeScript(`return (${f.toString()})(arguments[0]);`, arg);
  }
  /** Runs `act` on the element, naming the selector when it fails. */
  async on(selector, act) {
    try {
      return await act(await this.element(selector));
    } catch (e) {
      e.message = `${e.name} on ${selector}: ${e.message}`;
      throw e;
    }
  }
  click(selector) {
    return this.on(selector, (e) => e.click());
  }
  type(selector, text) {
    return this.on(selector, (e) => e.sendKeys(text));
  }
  setFiles(selector, paths) {
    return this.on(selector, (e) => e.sendKeys([].concat(paths).join("\n")));
  }
  select(selector, value) {
    return this.on(selector, async (e) => (await e.findElement(By.css(`option[value="${value}"]`))).click());
  }
  /**
   * Sizes the window so that its viewport is `width` × `height` CSS px, or
   * as close as the browser's window allows (MiniBrowser's toolbar keeps its
   * window about 450 px wide at least); resolves to the size reached.
   */
  async viewport(width, height) {
    const driver = await this.use();
    const win = driver.manage().window();
    for (let i = 0; i < 3; i++) {
      const [w, h] = await this.eval(() => [innerWidth, innerHeight]);
      if (w === width && h === height) break;
      const rect = await win.getRect();
      await win.setRect({ width: rect.width + width - w, height: rect.height + height - h });
    }
    return this.eval(() => [innerWidth, innerHeight]);
  }
  async close() {
    const driver = await this.use();
    await driver.close();
    this.state.handles = this.state.handles.filter((h) => h !== this.handle);
    const next = this.state.handles[0];
    if (next) {
      await driver.switchTo().window(next);
      this.state.current = next;
    }
  }
}
