import { api } from "./api.js";
import { h, LEVELS } from "./dom.js";

export async function loadOverview() {
  const stats = await api("/api/stats");
  document.getElementById("overview-total").textContent =
    stats.records === 0 ? "Your vault is empty: import an archive to begin." : `Your vault holds ${stats.records.toLocaleString()} records.`;
  const rows = (counts) => Object.entries(counts).map(([name, n]) => h("tr", {}, h("th", { scope: "row" }, name), h("td", { class: "number" }, n.toLocaleString())));
  document.getElementById("by-platform").replaceChildren(...rows(stats.by_platform));
  document.getElementById("by-kind").replaceChildren(...rows(stats.by_kind));
  document.getElementById("by-level").replaceChildren(
    ...stats.by_level.map((level) =>
      h("tr", {}, h("th", { scope: "row" }, `${level.level} ${LEVELS[level.level]}`), h("td", { class: "number" }, level.fields.toLocaleString()), h("td", { class: "number" }, level.records.toLocaleString())),
    ),
  );
}
