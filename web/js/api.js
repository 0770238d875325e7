/** Calls the JSON API; a refusal or failure shows its message and throws. */
export async function api(path, init = {}) {
  const response = await fetch(path, {
    ...init,
    headers: init.body && typeof init.body === "string" ? { "content-type": "application/json", ...init.headers } : init.headers,
  });
  const body = response.headers.get("content-type")?.includes("json") ? await response.json() : { error: await response.text() };
  if (!response.ok) throw new Error(body.error || `${response.status} ${response.statusText}`);
  return body;
}

/** A query string from the non-empty entries of an object or form. */
export function query(values) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== "" && value !== undefined && value !== null) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}
