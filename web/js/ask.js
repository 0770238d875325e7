import { api } from "./api.js";
import { badge, h, showError } from "./dom.js";
import { showRecord } from "./library.js";

const form = () => document.getElementById("ask-form");

export function setUpAsk() {
  form().addEventListener("submit", (event) => {
    event.preventDefault();
    ask().catch(showError);
  });
}

/**
 * Asks once; when the agent wants sensitive fields, the user decides field by field in a dialog
 * and the same request goes again with exactly what was approved.
 */
/** The page opens with the user's own default personalization and autonomy. */
export async function loadAsk() {
  const { agent } = await api("/api/settings");
  form().elements.mode.value = agent.mode;
  form().elements.autonomy.value = agent.autonomy;
  form().elements.remember.checked = false;
}

async function ask() {
  const { remember, ...request } = Object.fromEntries(new FormData(form()));
  if (remember) await api("/api/settings/agent", { method: "PUT", body: JSON.stringify({ mode: request.mode, autonomy: request.autonomy }) });
  let answer = await api("/api/ask", { method: "POST", body: JSON.stringify(request) });
  if (answer.status === "needs_confirmation") {
    const approve = await confirmFields(answer.pending);
    answer = await api("/api/ask", { method: "POST", body: JSON.stringify({ ...request, approve }) });
  }
  showAnswer(answer);
}

/** The approved field ids (`<record>.<field>`), or "none" when the user refuses. */
function confirmFields(pending) {
  const dialog = document.getElementById("confirm-dialog");
  const fieldset = document.getElementById("confirm-fields");
  const { purpose, destination } = pending[0];
  document.getElementById("confirm-purpose").textContent = `For ${purpose}, Ownbase would send the fields below to ${destination}. Untick any you want to keep out.`;
  // Grouped by record: with autonomy "none" every field is asked about, hundreds of them.
  const records = [...new Set(pending.map((item) => item.record))];
  fieldset.replaceChildren(
    fieldset.querySelector("legend"),
    ...records.map((record) => {
      const items = pending.filter((item) => item.record === record);
      return h(
        "fieldset",
        { class: "confirm-record" },
        h("legend", {}, `“${items[0].title ?? `record #${record}`}”`),
        items.map((item) =>
          h(
            "label",
            { class: "check" },
            h("input", { type: "checkbox", name: "approve", value: `${item.record}.${item.field}`, checked: true }),
            " ",
            h("strong", {}, item.field),
            " ",
            badge(item.level, item.categories),
            h("q", { class: "value" }, preview(item.value)),
          ),
        ),
      );
    }),
  );
  return new Promise((resolve) => {
    dialog.addEventListener(
      "close",
      () => {
        const ticked = [...fieldset.querySelectorAll("input:checked")].map((input) => input.value);
        resolve(dialog.returnValue === "approve" && ticked.length > 0 ? ticked : "none");
      },
      { once: true },
    );
    dialog.showModal();
  });
}

/** Enough of a value to recognise it; the dialog would otherwise grow with a whole mail body. */
function preview(value) {
  const text = (typeof value === "string" ? value : JSON.stringify(value)).replace(/\s+/g, " ").trim();
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

function showAnswer(answer) {
  const note = document.getElementById("ask-note");
  note.textContent = answer.notes?.join(" ") ?? "";
  note.hidden = !answer.notes?.length;
  document.getElementById("recommendations").replaceChildren(
    ...(answer.recommendations.length === 0
      ? [h("li", {}, "Nothing to recommend for that yet.")]
      : answer.recommendations.map((pick) =>
          h(
            "li",
            { class: "card" },
            h("h3", {}, pick.title),
            h("p", {}, pick.reason),
            h("p", { class: "meta" }, "Evidence: ", pick.evidence.map((id) => h("button", { type: "button", class: "link", onclick: () => openRecord(id) }, `#${id}`))),
          ),
        )),
  );
}

async function openRecord(id) {
  location.hash = "#library";
  await showRecord(id).catch(showError);
}
