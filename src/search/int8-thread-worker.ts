import { parentPort } from "node:worker_threads";
import { Int8Matrix } from "./int8-matrix.js";
import type { FromInt8Thread, ToInt8Thread } from "./int8-thread.js";

/** The thread of an `Int8Thread`: its matrix, and the answers to its queries. */
let matrix: Int8Matrix | null = null;

parentPort!.on("message", (message: ToInt8Thread) => {
  try {
    if (message.type === "start") matrix = new Int8Matrix(message.dim, message.reserve);
    else if (message.type === "put") matrix!.put(message.rows, message.vectors);
    else reply({ type: "nearest", id: message.id, nearest: matrix!.nearestNow(message.query, message.k, message.among) });
  } catch (error) {
    reply({ type: "failed", id: message.type === "nearest" ? message.id : null, message: (error as Error).message });
  }
});

function reply(message: FromInt8Thread): void {
  const transfer = message.type === "nearest" ? [message.nearest.rows.buffer, message.nearest.distances.buffer] : [];
  parentPort!.postMessage(message, transfer as ArrayBuffer[]);
}
