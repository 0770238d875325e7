import { loadAsk, setUpAsk } from "./ask.js";
import { setUpConfirmations } from "./confirmations.js";
import { clearError, showError } from "./dom.js";
import { loadAudit, setUpAudit } from "./audit.js";
import { loadImports, setUpImport } from "./import.js";
import { loadLibrary, setUpLibrary } from "./library.js";
import { loadOverview } from "./overview.js";
import { loadRules, setUpRules } from "./rules.js";
import { loadSettings, setUpSettings } from "./settings.js";

/** Each section, and what to fetch when it is shown. */
const SECTIONS = { import: loadImports, overview: loadOverview, library: loadLibrary, ask: loadAsk, rules: loadRules, audit: loadAudit, settings: loadSettings };

async function show() {
  const name = location.hash.slice(1) in SECTIONS ? location.hash.slice(1) : "import";
  clearError();
  for (const section of Object.keys(SECTIONS)) document.getElementById(section).hidden = section !== name;
  for (const link of document.querySelectorAll("nav a")) {
    if (link.getAttribute("href") === `#${name}`) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  try {
    await SECTIONS[name]?.();
  } catch (error) {
    showError(error);
  }
}

setUpImport();
setUpAsk();
setUpLibrary();
setUpRules();
setUpAudit();
setUpSettings();
setUpConfirmations();
window.addEventListener("hashchange", () => {
  show();
  // Keyboard and screen-reader users land on the new section, not back at the top of the nav.
  document.getElementById("content").focus();
});
show();
