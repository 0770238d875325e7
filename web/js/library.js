import { api, query } from "./api.js";
import { badge, formatTime, h, showError } from "./dom.js";

const form = () => document.getElementById("search-form");

export function setUpLibrary() {
  form().addEventListener("submit", (event) => {
    event.preventDefault();
    showResults().catch(showError);
  });
}

/** Fills the platform and kind filters from what the vault holds, then shows the results. */
export async function loadLibrary() {
  const stats = await api("/api/stats");
  for (const [name, counts] of [["platform", stats.by_platform], ["kind", stats.by_kind]]) {
    const select = form().elements[name];
    const chosen = select.value;
    select.replaceChildren(h("option", { value: "" }, "any"), ...Object.keys(counts).map((key) => h("option", { value: key, selected: key === chosen }, key)));
  }
  await showResults();
}

/** With words, a search (by meaning too once indexed); without, the newest records. */
async function showResults() {
  const values = Object.fromEntries(new FormData(form()));
  const note = document.getElementById("search-note");
  let results;
  if (values.q.trim()) {
    const found = await api(`/api/search${query({ ...values, limit: 50 })}`);
    results = found.results;
    note.textContent = found.note ?? "";
    note.hidden = !found.note;
    document.getElementById("results-title").textContent = `${results.length} found`;
  } else {
    const { q, ...filters } = values;
    results = await api(`/api/records${query({ ...filters, limit: 50 })}`);
    note.hidden = true;
    document.getElementById("results-title").textContent = "Newest records";
  }
  document.getElementById("results").replaceChildren(
    ...(results.length === 0
      ? [h("li", {}, "Nothing here.")]
      : results.map((record) =>
          h("li", {}, h("button", { type: "button", class: "link", onclick: () => showRecord(record.id).catch(showError) }, record.title ?? `(untitled ${record.kind})`), h("span", { class: "meta" }, `${record.platform} · ${record.kind} · ${formatTime(record.time)}`)),
        )),
  );
}

/** A record with every field, its sensitivity badge and the reason for it. */
export async function showRecord(id) {
  const record = await api(`/api/records/${id}`);
  const view = document.getElementById("record");
  const heading = h("h3", { tabindex: "-1" }, record.title ?? `(untitled ${record.kind})`);
  const fields = record.fields.map((field) => [
    h("dt", {}, field.name, " ", badge(field.level, field.categories)),
    h("dd", {}, h("span", { class: "value" }, typeof field.value === "string" ? field.value : JSON.stringify(field.value)), field.reason && h("small", { class: "reason" }, field.reason)),
  ]);
  // Only web links become links: an imported `javascript:` URL stays text.
  const link = /^https?:\/\//i.test(record.url ?? "") ? h("p", {}, h("a", { href: record.url, rel: "noreferrer noopener", target: "_blank" }, record.url)) : "";
  view.replaceChildren(heading, h("p", { class: "meta" }, `#${record.id} · ${record.platform} · ${record.kind} · ${formatTime(record.time)}`), link, h("dl", { class: "fields" }, fields));
  view.hidden = false;
  heading.focus();
}
