import { api } from "./api.js";
import { h, showError } from "./dom.js";

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
  const { rules, defaults, categories } = await api("/api/rules");
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
