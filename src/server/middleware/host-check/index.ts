import { networkInterfaces } from "node:os";
import type { MiddlewareHandler } from "hono";

/** `host:port` as it appears in a Host header; IPv6 addresses go in brackets. */
export function hostHeader(host: string, port: number): string {
  return `${host.includes(":") ? `[${host}]` : host}:${port}`;
}

/**
 * The Host values the server answers to: its bound address, and `localhost` for a loopback one;
 * bound to every interface, each of this machine's addresses.
 */
export function allowedHosts(host: string, port: number): string[] {
  const bound = hostHeader(host, port).toLowerCase();
  if (host === "0.0.0.0" || host === "::") {
    const addresses = Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((entry) => hostHeader(entry.address, port).toLowerCase()));
    return [bound, `localhost:${port}`, ...addresses];
  }
  return host === "127.0.0.1" || host === "::1" ? [bound, `localhost:${port}`] : [bound];
}

/**
 * Refuses requests whose Host is not the address the server is bound to. A web page on another
 * site can point its own domain at 127.0.0.1 (DNS rebinding) and then talk to us as same-origin;
 * its requests still carry its own domain in Host, which is how they are told apart.
 */
export function hostCheck(host: string, port: number): MiddlewareHandler {
  const allowed = new Set(allowedHosts(host, port));
  return async (c, next) => {
    const given = c.req.header("host")?.toLowerCase();
    if (given !== undefined && allowed.has(given)) return next();
    return c.text(`Refused: this Ownbase server answers only to ${[...allowed].join(" or ")}, not to "${given ?? ""}".\n`, 421);
  };
}
