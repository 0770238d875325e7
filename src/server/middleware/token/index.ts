import { randomBytes, timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";

export const SESSION_COOKIE = "ownbase_session";

/** A fresh session token: 256 random bits, URL-safe so it can ride in the printed link. */
export function newSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * Every request must carry the session token: once as `?token=` (the printed link), which is
 * swapped for an HttpOnly cookie and a redirect so the token leaves the address bar and history;
 * then from that cookie, or as `Authorization: Bearer` for scripts.
 */
export function sessionToken(token: string, cookie: string = SESSION_COOKIE): MiddlewareHandler {
  const expected = Buffer.from(token);
  const matches = (given: string | undefined) => {
    if (given === undefined) return false;
    const bytes = Buffer.from(given);
    return bytes.length === expected.length && timingSafeEqual(bytes, expected);
  };
  return async (c, next) => {
    const url = new URL(c.req.url);
    const fromQuery = url.searchParams.get("token");
    if (fromQuery !== null && matches(fromQuery)) {
      setCookie(c, cookie, token, { httpOnly: true, sameSite: "Strict", path: "/" });
      url.searchParams.delete("token");
      return c.redirect(`${url.pathname}${url.search}`, 303);
    }
    const bearer = c.req.header("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (matches(getCookie(c, cookie)) || matches(bearer)) return next();
    return c.text("Ownbase needs its session token: open the link `ownbase serve` printed (http://…/?token=…).\n", 401);
  };
}
