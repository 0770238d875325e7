import { api } from "./api.js";
import { h, formatBytes } from "./dom.js";

/** Imports shown on this page, by id, so one is never shown twice. */
const shown = new Set();

/** The file input and the drop zone both hand their files to the same upload. */
export function setUpImport() {
  const input = document.getElementById("file-input");
  const zone = document.getElementById("drop-zone");
  input.addEventListener("change", () => {
    for (const file of input.files) importFile(file);
    input.value = "";
  });
  zone.addEventListener("dragover", (event) => {
    event.preventDefault();
    zone.classList.add("over");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("over");
    for (const file of event.dataTransfer.files) importFile(file);
  });
}

/** Imports started earlier, from this page or one since closed: followed if still running. */
export async function loadImports() {
  for (const { id, name, latest } of await api("/api/imports")) {
    if (shown.has(id)) continue;
    shown.add(id);
    const view = newRow(name, 1);
    if (latest.type === "report") {
      view.progress.value = view.progress.max;
      view.status.replaceWith(await renderReport(latest.data));
    }
    else if (latest.type === "failed") fail(view, `import failed: ${latest.data.message}`);
    else follow(id, 0, view);
  }
}

function newRow(name, size) {
  const progress = h("progress", { max: size || 1, value: 0, "aria-label": `${name}: progress` });
  const status = h("p", { class: "status" });
  const row = h("li", {}, h("h3", {}, name), progress, status);
  document.getElementById("uploads").prepend(row);
  return { row, progress, status };
}

function fail(view, message) {
  view.status.textContent = message;
  view.row.classList.add("failed");
}

/** One row per file: its upload, then its import's progress, then its report. */
function importFile(file) {
  const view = newRow(file.name, file.size);
  view.status.textContent = "uploading…";
  // XMLHttpRequest, not fetch, because only it reports how far an upload has got.
  const request = new XMLHttpRequest();
  request.open("POST", `/api/imports?name=${encodeURIComponent(file.name)}`);
  request.setRequestHeader("content-type", "application/octet-stream");
  request.upload.addEventListener("progress", (event) => {
    view.progress.value = event.loaded;
    view.status.textContent = `uploading… ${formatBytes(event.loaded)} of ${formatBytes(file.size)}`;
  });
  request.addEventListener("load", () => {
    const body = parse(request.responseText);
    if (request.status !== 202) return fail(view, `not uploaded: ${body.error ?? request.statusText}`);
    follow(body.id, file.size, view);
  });
  request.addEventListener("error", () => fail(view, "not uploaded: the connection to Ownbase failed"));
  request.send(file);
}

/** Follows an import's events until its report arrives. */
function follow(id, size, view) {
  shown.add(id);
  const { progress, status } = view;
  progress.removeAttribute("value"); // indeterminate until the import says how far it has read
  status.textContent = "waiting for earlier imports…";
  const events = new EventSource(`/api/imports/${id}/events`);
  events.addEventListener("progress", (event) => {
    const { files, records, bytes, rate } = JSON.parse(event.data);
    progress.max = Math.max(size, bytes, 1);
    progress.value = bytes;
    status.textContent = `${files} files · ${records.toLocaleString()} records · ${formatBytes(bytes)} read · ${formatBytes(rate)}/s`;
  });
  events.addEventListener("report", async (event) => {
    events.close();
    progress.value = progress.max;
    status.replaceWith(await renderReport(JSON.parse(event.data)).catch((error) => h("p", { class: "status" }, `imported, but the report cannot be shown: ${error.message}`)));
  });
  events.addEventListener("failed", (event) => {
    events.close();
    fail(view, `import failed: ${JSON.parse(event.data).message}`);
  });
  events.addEventListener("error", () => {
    // The browser reconnects by itself; say so rather than stay silent.
    if (events.readyState === EventSource.CONNECTING) status.textContent = "lost touch with Ownbase; reconnecting… (the import goes on)";
  });
}

/** What each importer is, by id, fetched once: the report names importers only by id. */
let importerNames;
function describeImporters() {
  importerNames ??= api("/api/importers").then((list) => new Map(list.map((importer) => [importer.id, importer])));
  return importerNames;
}

/** The import report: records stored per platform and format, files not understood, and errors. */
async function renderReport(report) {
  const names = await describeImporters();
  const stored = report.files.filter((file) => file.importer);
  const notUnderstood = report.files.filter((file) => !file.importer);
  const withErrors = stored.filter((file) => file.errors.length > 0);
  const perImporter = new Map();
  for (const file of stored) {
    const total = perImporter.get(file.importer) ?? { records: 0, added: 0 };
    total.records += file.records;
    total.added += file.records_added;
    perImporter.set(file.importer, total);
  }
  const cell = (n) => h("td", { class: "number" }, n.toLocaleString());
  return h(
    "div",
    { class: "report" },
    h("p", {}, `${report.records_added.toLocaleString()} new records (${report.records_seen.toLocaleString()} read from ${report.files.length} files).`),
    perImporter.size > 0 &&
      h(
        "table",
        {},
        h("caption", {}, "Stored"),
        h("thead", {}, h("tr", {}, ["Platform", "Read as"].map((name) => h("th", { scope: "col" }, name)), ["Records", "New"].map((name) => h("th", { scope: "col", class: "number" }, name)))),
        h(
          "tbody",
          {},
          [...perImporter].map(([id, total]) => {
            const importer = names.get(id);
            return h("tr", {}, h("td", {}, importer?.platform ?? ""), h("th", { scope: "row" }, importer?.title ?? id), cell(total.records), cell(total.added));
          }),
        ),
      ),
    notUnderstood.length > 0 &&
      h("details", { open: true }, h("summary", {}, `Not understood (${notUnderstood.length})`), h("ul", {}, notUnderstood.map((file) => h("li", {}, `${file.path}: ${file.errors.join("; ")}`)))),
    withErrors.length > 0 &&
      h("details", {}, h("summary", {}, `Errors in ${withErrors.length} files`), h("ul", {}, withErrors.map((file) => h("li", {}, file.path, h("ul", {}, file.errors.map((error) => h("li", {}, error))))))),
  );
}

function parse(text) {
  try {
    return JSON.parse(text);
  } catch {
    return { error: text };
  }
}
