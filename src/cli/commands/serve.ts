import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { Command, InvalidArgumentError } from "commander";
import { openOrLockVault, ServedVault } from "../../db/encryption-lock.js";
import { dataFolder } from "../../paths.js";
import { createApp } from "../../server/app.js";
import { newUploadFolder } from "../../server/imports.js";
import { hostHeader } from "../../server/middleware/host-check/index.js";
import { newSessionToken } from "../../server/middleware/token/index.js";
import type { CliIo, CommonOptions } from "../io.js";

interface ServeOptions extends CommonOptions {
  port: number;
  host: string;
  allowRemote?: boolean;
}

const EVERY_INTERFACE = new Set(["0.0.0.0", "::", "[::]"]);

/** `ownbase serve`: the web UI on this machine, until Ctrl-C. */
export function serveCommand(io: CliIo): Command {
  return new Command("serve")
    .description("open the web UI: import, browse, search, sharing rules and the audit log in your browser")
    .option("--port <port>", "port to listen on (0 picks a free one)", portOption, 8787)
    .option("--host <address>", "address to listen on; only this machine can connect to the default", "127.0.0.1")
    .option("--allow-remote", "allow --host 0.0.0.0 (every network interface): anyone on your network who has the link can reach the vault")
    .action(async (options: ServeOptions) => {
      if (EVERY_INTERFACE.has(options.host)) {
        if (!options.allowRemote) throw new Error(`--host ${options.host} would open the vault to your whole network; add --allow-remote if you mean it`);
        io.stderr.write(`warning: listening on every network interface; anyone who can reach this machine and has the link can read your vault\n`);
      }
      const vault = await openOrLockVault(options.db);
      if (vault instanceof ServedVault && vault.locked) io.stderr.write("The vault is encrypted: type its passphrase in the page to unlock it (or set OWNBASE_PASSPHRASE).\n");
      const uploadDir = await newUploadFolder(join(dataFolder(), "uploads"));
      const token = newSessionToken();

      // The app checks Host against the real port, known only once listening (--port 0).
      let app: ReturnType<typeof createApp> | undefined;
      const server = serve({ fetch: (request) => app!.fetch(request), hostname: options.host, port: options.port }, (info) => {
        app = createApp({ vault, token, host: options.host, port: info.port, uploadDir });
        io.stdout.write(`Ownbase is running: open http://${hostHeader(options.host, info.port)}/?token=${token}\n`);
      });

      await new Promise<void>((resolve, reject) => {
        server.once("error", (error: NodeJS.ErrnoException) =>
          reject(error.code === "EADDRINUSE" ? new Error(`port ${options.port} on ${options.host} is in use (another Ownbase?); choose another with --port`) : error),
        );
        const stop = () => {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
          // Open event streams would hold the server open: close them too.
          if ("closeAllConnections" in server) server.closeAllConnections();
          server.close(() => resolve());
        };
        process.on("SIGINT", stop);
        process.on("SIGTERM", stop);
      }).finally(() => {
        vault.close();
        // An import still reading its upload would crash on the file vanishing under it: its files
        // stay, and the next start removes the folders of servers that are gone (the import itself
        // resumes from its last stored batch when the file is imported again).
        if (readdirSync(uploadDir).length === 0) rmSync(uploadDir, { recursive: true, force: true });
      });
    });
}

function portOption(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError("must be a port number from 0 to 65535");
  return port;
}
