import { api } from "./api.js";

/**
 * An encrypted vault waits for its passphrase when the server was started without one: until it
 * is typed here, the page shows only this form (the rest would meet 423 Locked), then reloads.
 */
const { locked } = await api("/api/unlock");
if (locked) {
  const hideTheRest = () => {
    for (const element of document.querySelectorAll("main > section:not(#unlock), header nav")) element.hidden = true;
  };
  hideTheRest();
  window.addEventListener("hashchange", hideTheRest);
  document.getElementById("unlock").hidden = false;

  const form = document.getElementById("unlock-form");
  const refusal = document.getElementById("unlock-error");
  const button = form.querySelector("button");
  form.passphrase.focus();
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    refusal.hidden = true;
    button.disabled = true;
    try {
      await api("/api/unlock", { method: "POST", body: JSON.stringify({ passphrase: form.passphrase.value }) });
      form.reset();
      location.reload();
    } catch (error) {
      refusal.textContent = error.message;
      refusal.hidden = false;
      form.passphrase.select();
    } finally {
      button.disabled = false;
    }
  });
}
