import { api } from "./api.js";
import { badge, h, showError } from "./dom.js";

export function setUpRules() {
  const form = document.getElementById("rule-form");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(form));
    const rule = { ...values, minLevel: values.minLevel === "" ? null : Number(values.minLevel) };
    api("/api/rules", { method: "PUT", body: JSON.stringify(rule) })
      .then(() => form.reset())
      .then(loadRules)
      .catch(showError);
  });
  document.getElementById("reset-rules").addEventListener("click", () => {
    if (!confirm("Remove all your rules? The defaults will apply.")) return;
    api("/api/rules/reset", { method: "POST" }).then(loadRules).catch(showError);
  });
}

export async function loadRules() {
  const [{ rules, defaults, categories }, matrix] = await Promise.all([api("/api/rules"), api("/api/rules/matrix")]);
  drawMatrix(matrix);
  const category = document.getElementById("rule-form").elements.category;
  if (category.options.length === 1) category.append(...categories.map((name) => h("option", { value: name }, name)));
  document.getElementById("user-rules").replaceChildren(
    ...(rules.length === 0
      ? [h("tr", {}, h("td", { colspan: 6 }, "You have no rules of your own: the defaults below decide."))]
      : rules.map((rule) =>
          h("tr", {}, h("td", {}, `#${rule.id}`), h("td", {}, rule.destination), h("td", {}, rule.scope), h("td", {}, decision(rule.decision)), h("td", {}, rule.note ?? ""),
            h("td", {}, h("button", { type: "button", "aria-label": `Remove rule #${rule.id}`, onclick: () => api(`/api/rules/${rule.id}`, { method: "DELETE" }).then(loadRules).catch(showError) }, "Remove"))),
        )),
  );
  document.getElementById("reset-rules").disabled = rules.length === 0;
  document.getElementById("default-rules").replaceChildren(
    ...defaults.map((rule) => h("tr", {}, h("td", {}, rule.destination), h("td", {}, rule.scope), h("td", {}, decision(rule.decision)), h("td", {}, rule.note ?? ""))),
  );
}


function decision(value) {
  return h("span", { class: `decision ${value}` }, value);
}

const DESTINATION_NAMES = { builtin: "on-device recommender", "local-model": "local model", "remote-model": "remote model", "mcp:*": "MCP clients", export: "export" };

/** One table per platform: a row per field, a select per destination that sets a rule for that field. */
function drawMatrix({ destinations, rows }) {
  const platforms = [...new Set(rows.map((row) => row.platform))];
  document.getElementById("rule-matrix").replaceChildren(
    ...(rows.length === 0
      ? [h("p", {}, "Import something first: the matrix lists the fields your vault holds.")]
      : platforms.map((platform) => {
          const own = rows.filter((row) => row.platform === platform);
          return h(
            "details",
            { class: "matrix", open: platforms.length === 1 },
            h("summary", {}, `${platform}: ${own.length} fields`),
            h(
              "div",
              { class: "scroll" },
              h(
                "table",
                {},
                h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Field"), h("th", { scope: "col", class: "number" }, "Records"), ...destinations.map((destination) => h("th", { scope: "col" }, DESTINATION_NAMES[destination])))),
                h("tbody", {}, own.map((row) => h("tr", {}, h("th", { scope: "row" }, `${row.kind} · ${row.field} `, row.levels.map((level) => badge(level))), h("td", { class: "number" }, row.records.toLocaleString()), destinations.map((destination) => matrixCell(row, destination))))),
              ),
            ),
          );
        })),
  );
}

function matrixCell(row, destination) {
  const cell = row.cells[destination];
  const select = h(
    "select",
    {
      "aria-label": `${DESTINATION_NAMES[destination]}: ${row.platform} ${row.kind} ${row.field}`,
      onchange: (event) =>
        api("/api/rules", { method: "PUT", body: JSON.stringify({ destination, decision: event.target.value, platform: row.platform, kind: row.kind, field: row.field }) })
          .then(loadRules)
          .catch(showError),
    },
    ["allow", "ask", "deny"].map((value) => h("option", { value, selected: value === cell.decision }, value)),
  );
  // Records tagged differently from the rest of the field can get another decision: say how many.
  const others = Object.entries(cell.records).filter(([decision]) => decision !== cell.decision);
  const rule = typeof cell.rule.id === "number" ? `your rule #${cell.rule.id}` : "default";
  return h("td", { class: `decision-cell ${cell.decision}` }, select, h("small", {}, rule, others.map(([decision, records]) => `; ${records} ${decision}`).join("")));
}
