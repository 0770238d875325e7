import { Worker, type WorkerOptions } from "node:worker_threads";

/**
 * Starts a thread running the module `name` (without extension) beside `from` (the caller's
 * `import.meta.url`). The built project runs the thread's JavaScript; its TypeScript sources
 * (tests, tsx) need tsx's loader registered in the thread first, which a worker's `execArgv`
 * cannot do on Node 20.
 */
export function startWorker(from: string, name: string, options: WorkerOptions = {}): Worker {
  const source = from.endsWith(".ts");
  const url = new URL(`./${name}${source ? ".ts" : ".js"}`, from);
  if (!source) return new Worker(url, options);
  const tsx = import.meta.resolve("tsx/esm/api");
  return new Worker(`import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`, { ...options, eval: true });
}
