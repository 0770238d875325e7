import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** A loopback OpenAI-compatible chat server that keeps every request body it receives. */
export interface RecordingModel {
  /** Base URL, as `OWNBASE_LLM_URL` takes it. */
  url: string;
  /** Every request body, byte for byte as received. */
  bodies: string[];
  close(): Promise<void>;
}

/**
 * Answers deterministically: one recommendation per record it was shown (the first three), each
 * citing that record's id, plus one citing an id it was never given, which a client must drop.
 * `fail` makes every answer a 500, to test the fallback.
 */
export async function startRecordingModel(options: { fail?: boolean } = {}): Promise<RecordingModel> {
  const bodies: string[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      bodies.push(body);
      if (options.fail) return response.writeHead(500).end("model crashed");
      const messages = (JSON.parse(body) as { messages: { content: string }[] }).messages;
      const context = JSON.parse(messages.at(-1)!.content) as { records: { id: number; title?: string }[] };
      const recommendations = [
        ...context.records.slice(0, 3).map((record) => ({ title: `More like ${record.title ?? record.id}`, type: "item", reason: "shown to the model", evidence: [record.id] })),
        { title: "Something new", type: "item", reason: "beyond the backlog", evidence: [999_999] },
      ];
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ choices: [{ message: { role: "assistant", content: JSON.stringify({ recommendations }) } }] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v1`, bodies, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
