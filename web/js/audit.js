import { api, query } from "./api.js";
import { badge, h, showError } from "./dom.js";

const form = () => document.getElementById("audit-form");

export function setUpAudit() {
  form().addEventListener("submit", (event) => {
    event.preventDefault();
    loadAudit().catch(showError);
  });
}

export async function loadAudit() {
  const entries = await api(`/api/audit${query(Object.fromEntries(new FormData(form())))}`);
  document.getElementById("audit-entries").replaceChildren(
    ...(entries.length === 0
      ? [h("li", {}, "Nothing has left the vault.")]
      : entries.map((entry) =>
          h(
            "li",
            {},
            h("h3", {}, `${new Date(entry.at).toLocaleString()} → ${entry.destination}`),
            h("p", {}, `${entry.purpose} · ${entry.field_count} fields of ${entry.record_count} records · basis: ${entry.basis} · mode ${entry.mode}, autonomy ${entry.autonomy}`),
            h("div", { class: "scroll" }, h(
              "table",
              {},
              h("caption", { class: "visually-hidden" }, "Fields that left"),
              h("thead", {}, h("tr", {}, ["Record", "Field", "Sensitivity", "Rule"].map((name) => h("th", { scope: "col" }, name)))),
              h("tbody", {}, entry.disclosed.map((field) => h("tr", {}, h("td", {}, `#${field.record_id}`), h("td", {}, field.field), h("td", {}, badge(field.level, field.categories)), h("td", {}, String(field.rule))))),
            )),
          ),
        )),
  );
}
