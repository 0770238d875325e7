import { api } from "./api.js";
import { h, showError } from "./dom.js";
import { showEncryption } from "./encryption.js";

const form = () => document.getElementById("llm-form");
const text = (id, value) => (document.getElementById(id).textContent = value);

export function setUpSettings() {
  setUpForget();
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
  loadForgetSources().catch(showError);
  showEncryption().catch(showError);
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

// Forget a source: pick a platform or an import, count what would go, then confirm.
const forgetForm = () => document.getElementById("forget-form");
const forgetConfirm = () => document.getElementById("forget-confirm");
/** The scope the user is asked to confirm; null when nothing waits for confirmation. */
let forgetScope = null;

function setUpForget() {
  forgetForm().addEventListener("submit", (event) => {
    event.preventDefault();
    const { source, before } = Object.fromEntries(new FormData(forgetForm()));
    const split = source.indexOf(":");
    const [kind, value] = [source.slice(0, split), source.slice(split + 1)];
    const scope = kind === "import" ? { import: Number(value) } : { platform: value };
    if (before) scope.before = before;
    api("/api/forget/preview", { method: "POST", body: JSON.stringify(scope) })
      .then((counts) => {
        forgetScope = scope;
        const name = forgetForm().elements.source.selectedOptions[0].dataset.name;
        text("forget-preview", `This forgets ${counts.records.toLocaleString()} records (${counts.fields.toLocaleString()} fields, ${counts.vectors.toLocaleString()} search vectors) of ${name}${before ? `, those before ${before}` : ""}. It cannot be undone.`);
        text("forget-result", "");
        forgetConfirm().hidden = false;
        document.getElementById("forget-do").disabled = counts.records === 0;
        document.getElementById("forget-cancel").focus();
      })
      .catch(showError);
  });
  // A changed choice needs counting again before it can be confirmed.
  forgetForm().addEventListener("input", cancelForget);
  document.getElementById("forget-cancel").addEventListener("click", () => {
    cancelForget();
    text("forget-result", "Nothing was forgotten.");
  });
  document.getElementById("forget-do").addEventListener("click", () => {
    if (!forgetScope) return;
    const scope = forgetScope;
    cancelForget();
    api("/api/forget", { method: "POST", body: JSON.stringify(scope) })
      .then((report) => {
        text("forget-result", [`Forgotten: ${report.records.toLocaleString()} records and ${report.fields.toLocaleString()} fields (audit entry #${report.audit_id}).`, ...report.notes].join(" "));
        return loadForgetSources();
      })
      .catch(showError);
  });
}

function cancelForget() {
  forgetScope = null;
  forgetConfirm().hidden = true;
}

async function loadForgetSources() {
  const { platforms, imports } = await api("/api/forget/sources");
  const select = document.getElementById("forget-source");
  const records = (n) => `${n.toLocaleString()} record${n === 1 ? "" : "s"}`;
  const fileName = (path) => path.split(/[\\/]/).at(-1);
  select.replaceChildren(
    h("optgroup", { label: "Platforms" }, platforms.map((source) => h("option", { value: `platform:${source.platform}`, "data-name": source.platform }, `${source.platform}: ${records(source.records)}`))),
    h("optgroup", { label: "Imports" }, imports.map((source) => h("option", { value: `import:${source.id}`, "data-name": `import #${source.id}` }, `import #${source.id} ${fileName(source.path)} (${source.importer}), ${new Date(source.started_at).toLocaleDateString()}: ${records(source.records)}`))),
  );
  const empty = platforms.length === 0;
  if (empty) select.replaceChildren(h("option", { value: "" }, "nothing to forget: the vault is empty"));
  forgetForm().querySelector("button[type=submit]").disabled = empty;
  cancelForget();
}
