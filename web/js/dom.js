/** Builds an element: attributes (event handlers as on…) and children (text or elements). */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
    else if (name === "class") element.className = value;
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) if (child !== null && child !== undefined && child !== false && child !== "") element.append(child);
  return element;
}

export const LEVELS = ["public", "personal", "sensitive", "highly sensitive"];

/** A sensitivity badge: the level as a word, its number, and the categories. */
export function badge(level, categories = []) {
  return h("span", { class: `badge level-${level}` }, `${level} ${LEVELS[level] ?? ""}${categories.length ? ` · ${categories.join(", ")}` : ""}`);
}

export function formatBytes(bytes) {
  const units = ["bytes", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

export function formatTime(iso) {
  return iso ? new Date(iso).toLocaleString() : "no time";
}

const errorBox = () => document.getElementById("error");

/** Shows what went wrong at the top of the page, for screen readers too (role=alert). */
export function showError(error) {
  errorBox().textContent = error instanceof Error ? error.message : String(error);
  errorBox().hidden = false;
}

export function clearError() {
  errorBox().hidden = true;
}
