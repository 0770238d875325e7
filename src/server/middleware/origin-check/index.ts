import type { MiddlewareHandler } from "hono";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses state-changing requests sent from another site's pages (CSRF). Browsers name the page's
 * origin in Origin; under our own `Referrer-Policy: no-referrer` they send `Origin: null` even for
 * our pages, so then Sec-Fetch-Site, which pages cannot forge, tells. Older browsers without it
 * are judged by Referer. Requests with none of these come from scripts, not pages, and still
 * need the session token.
 */
export function originCheck(allowedOrigins: readonly string[]): MiddlewareHandler {
  const allowed = new Set(allowedOrigins);
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const origin = c.req.header("origin");
    const site = c.req.header("sec-fetch-site");
    const referer = c.req.header("referer");
    let from: string | null = null;
    if (origin !== undefined && origin !== "null") from = allowed.has(origin) ? null : origin;
    else if (site !== undefined) from = site === "same-origin" || site === "none" ? null : `another site (Sec-Fetch-Site: ${site})`;
    else if (origin === "null") from = "an unnamed origin";
    else if (referer !== undefined) from = allowed.has(originOf(referer)) ? null : originOf(referer);
    if (from === null) return next();
    return c.text(`Refused: a ${c.req.method} from ${from} is not allowed; only pages of ${allowedOrigins[0]} may change the vault.\n`, 403);
  };
}

function originOf(referer: string): string {
  try {
    return new URL(referer).origin;
  } catch {
    return "an unreadable Referer";
  }
}
