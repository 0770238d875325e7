import { api } from "./api.js";
import { showError } from "./dom.js";

/**
 * Settings › Encryption: says whether the vault file is encrypted; a plain vault gets a form to
 * encrypt it, an encrypted one a form to change its passphrase. The server closes the vault,
 * converts it and opens it again; the page waits for the answer.
 */
const form = () => document.getElementById("encryption-form");
const text = (id, value) => (document.getElementById(id).textContent = value);
let encrypted = false;
let listening = false;

export async function showEncryption() {
  if (!listening) {
    form().addEventListener("submit", submit);
    listening = true;
  }
  const status = await api("/api/encryption");
  encrypted = status.encrypted;
  if (!status.file) {
    text("encryption-status", "The vault lives on a libSQL server: the server encrypts its storage, or not.");
    form().hidden = true;
    return;
  }
  text(
    "encryption-status",
    encrypted
      ? "The vault file is encrypted: without your passphrase it cannot be read. A forgotten passphrase cannot be recovered."
      : "The vault file is not encrypted: any program or person who can read your files can read it. Choose a passphrase to encrypt it (at least 8 characters). A forgotten passphrase cannot be recovered.",
  );
  document.getElementById("encryption-current").hidden = !encrypted;
  form().elements.current.required = encrypted;
  text("encryption-new-label", encrypted ? "New passphrase" : "Passphrase");
  form().querySelector("button[type=submit]").textContent = encrypted ? "Change the passphrase" : "Encrypt the vault";
  form().hidden = false;
}

async function submit(event) {
  event.preventDefault();
  const { current, passphrase, repeat } = Object.fromEntries(new FormData(form()));
  if (passphrase !== repeat) {
    text("encryption-result", "The two passphrases differ: type the same one twice.");
    form().elements.repeat.select();
    return;
  }
  const button = form().querySelector("button[type=submit]");
  button.disabled = true;
  text("encryption-result", encrypted ? "Changing the passphrase… the vault is closed meanwhile." : "Encrypting… the vault is closed meanwhile.");
  try {
    if (encrypted) await api("/api/encryption/passphrase", { method: "POST", body: JSON.stringify({ current, passphrase }) });
    else await api("/api/encryption", { method: "POST", body: JSON.stringify({ passphrase }) });
    const done = encrypted ? "The passphrase is changed: the old one no longer opens the vault." : "The vault is encrypted. Backups or copies made of the plain file before now are still readable: delete them.";
    form().reset();
    await showEncryption();
    text("encryption-result", done);
  } catch (error) {
    text("encryption-result", "");
    showError(error);
  } finally {
    button.disabled = false;
  }
}
