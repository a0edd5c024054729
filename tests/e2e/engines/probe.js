// The same-origin probe of the cross-engine journeys. The test server
// (scripts/static-server.mjs with `probe`) serves it at /__probe.js and puts
// it first in every page it serves, so it is there in every engine, also
// where the driver has no console log or init scripts (WebKit's classic
// WebDriver). It reports to the server, which fails the journey:
// - an uncaught exception or unhandled promise rejection;
// - a console.error (the app's panic hook writes there);
// - a file that did not load (script, style, image);
// - any Content-Security-Policy violation.
// Reports are sent with sendBeacon to /__probe (outside the app's path, so
// the service worker never sees it; allowed by connect-src 'self'), and kept
// in window.__zbProblems as well.
(() => {
  if (window.__zbProblems) return;
  const problems = (window.__zbProblems = []);
  const report = (kind, text) => {
    const line = `${kind} on ${location.pathname}${location.search}: ${String(text).slice(0, 1000)}`;
    problems.push(line);
    try {
      navigator.sendBeacon("/__probe", line);
    } catch {
      // The line stays in window.__zbProblems.
    }
  };
  addEventListener(
    "error",
    (e) => {
      if (e.target && e.target !== window) {
        report("not loaded", e.target.src || e.target.href || e.target.tagName);
      } else {
        report("uncaught", e.message);
      }
    },
    true,
  );
  addEventListener("unhandledrejection", (e) => report("unhandled rejection", e.reason?.stack || e.reason));
  document.addEventListener("securitypolicyviolation", (e) =>
    report("CSP violation", `${e.violatedDirective} blocked ${e.blockedURI || "inline"}`),
  );
  const error = console.error;
  console.error = function (...args) {
    report("console error", args.map(String).join(" "));
    return error.apply(this, args);
  };
})();
