import { api } from "./api.js";
import { badge, h, showError } from "./dom.js";

/** How often the page looks for questions from assistants. */
const POLL_MS = 2000;

/**
 * Questions from assistants connected over MCP that cannot ask the user themselves. Each is shown
 * in a dialog listing every field with its own checkbox, none ticked: an outside assistant gets
 * only what the user picks. The answer goes back to the call that waits for it; a question the
 * server gave up on (it timed out) closes here too.
 */
export function setUpConfirmations() {
  const dialog = h("dialog", { "aria-labelledby": "mcp-confirm-title" });
  document.body.append(dialog);
  // Each question is shown once: after the answer it may still be listed until the POST lands.
  const seen = new Set();
  let shown = null;
  const poll = async () => {
    if (document.hidden) return;
    const waiting = await api("/api/confirmations");
    if (dialog.open && !waiting.some((question) => question.id === shown)) dialog.close("expired");
    const next = waiting.find((question) => !seen.has(question.id));
    if (!dialog.open && next) {
      seen.add(next.id);
      shown = next.id;
      askUser(dialog, next);
    }
  };
  // A locked or restarting server answers with an error; the next poll tries again, quietly.
  const tick = () => poll().catch(() => {});
  setInterval(tick, POLL_MS);
  tick();
}

/** Shows one question; the answer is sent when the user closes the dialog, unless it expired first. */
function askUser(dialog, { id, pending }) {
  const boxes = pending.items.map((item) => h("input", { type: "checkbox", "data-record": item.record_id, "data-field": item.field }));
  const client = pending.destination.replace(/^mcp:/, "");
  dialog.replaceChildren(
    h(
      "form",
      { method: "dialog" },
      h("h3", { id: "mcp-confirm-title" }, `${client} asks for some of your data`),
      h("p", {}, `For ${pending.purpose}, the assistant connected as ${pending.destination} would like the fields below. Tick the ones it may have; the rest stay in your vault.`),
      h(
        "fieldset",
        {},
        h("legend", { class: "visually-hidden" }, "Fields"),
        pending.items.map((item, index) =>
          h("label", { class: "check" }, boxes[index], ` ${item.field} of ${item.record_title ? `“${item.record_title}”` : "record"} #${item.record_id} `, badge(item.level, item.categories)),
        ),
      ),
      h("div", { class: "buttons" }, h("button", { value: "approve" }, "Share the ticked fields"), h("button", { value: "refuse" }, "Share none")),
    ),
  );
  dialog.returnValue = "";
  dialog.addEventListener(
    "close",
    () => {
      if (dialog.returnValue === "expired") return;
      const approve = boxes.filter((box) => box.checked).map((box) => ({ record_id: Number(box.dataset.record), field: box.dataset.field }));
      // Escape closes the dialog with no value: that is a refusal too.
      const answer = dialog.returnValue === "approve" && approve.length > 0 ? { approve } : "refuse";
      api(`/api/confirmations/${id}`, { method: "POST", body: JSON.stringify(answer) }).catch(showError);
    },
    { once: true },
  );
  dialog.showModal();
}
