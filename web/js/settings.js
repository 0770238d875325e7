import { api } from "./api.js";
import { showError } from "./dom.js";

const form = () => document.getElementById("llm-form");
const text = (id, value) => (document.getElementById(id).textContent = value);

export function setUpSettings() {
  form().addEventListener("submit", (event) => {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(form()));
    api("/api/settings/llm", { method: "PUT", body: JSON.stringify({ ...values, locality: values.locality || undefined }) })
      .then(loadSettings)
      .catch(showError);
  });
  document.getElementById("llm-test").addEventListener("click", () => {
    text("llm-test-result", "testing…");
    api("/api/settings/llm/test", { method: "POST" })
      .then((result) => text("llm-test-result", result.ok ? `It answers. Models: ${result.models.join(", ") || "none listed"}.` : `No: ${result.error}.`))
      .catch(showError);
  });
  document.getElementById("llm-remove").addEventListener("click", () => {
    api("/api/settings/llm", { method: "DELETE" }).then(loadSettings).catch(showError);
  });
}

export async function loadSettings() {
  const settings = await api("/api/settings");
  const llm = settings.llm;
  text("llm-status", llm ? `Using ${llm.model} at ${llm.url} as a ${llm.destination} destination${llm.has_key ? ", with a key" : ""}.` : "No model server: recommendations come from the on-device recommender.");
  if (llm) {
    form().elements.url.value = llm.url;
    form().elements.model.value = llm.model;
    form().elements.locality.value = llm.locality ?? "";
  }
  form().elements.key.value = "";
  text("llm-test-result", "");
  const { description, note, indexed, total, indexing, error } = settings.embedding;
  const running = indexing ? ` Indexing in the background: ${indexing.done.toLocaleString()} of ${indexing.total.toLocaleString()} at ${indexing.per_second}/s${indexing.seconds_left === null ? "" : `, ${indexing.seconds_left.toLocaleString()} s left`}.` : "";
  text("embedding-status", description ? `Meaning search model: ${description}. ${indexed.toLocaleString()} of ${total.toLocaleString()} records embedded.${running}${error ? ` The last indexing run stopped: ${error}` : ""}` : `Meaning search is off: ${note}.`);
  text("data-folder", `Data folder: ${settings.data_folder}. Vault: ${settings.vault}.`);
}
