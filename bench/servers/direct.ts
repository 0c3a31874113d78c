// Child process of bench/end-to-end.ts: one function's bundle called in-process behind node:http, through the
// least an FC HTTP trigger must do (the `v1` event as a Buffer). It separates what the function costs
// over HTTP, with whatever delivery its environment configures (Redis, forwarding): the answer time a platform waits for.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";

const { handler } = require(resolve(process.env.BENCH_FILE!));

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", async () => {
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const headers: Record<string, string> = {};
    for (let i = 0; i < req.rawHeaders.length; i += 2) headers[req.rawHeaders[i]!] = req.rawHeaders[i + 1]!;
    const event = {
      version: "v1",
      rawPath: q < 0 ? url : url.slice(0, q),
      headers,
      queryParameters: Object.fromEntries(new URLSearchParams(q < 0 ? "" : url.slice(q + 1))),
      body: Buffer.concat(chunks).toString("utf8"),
      isBase64Encoded: false,
      requestContext: { requestId: "", timeEpoch: String(Date.now()), http: { method: req.method, path: url, sourceIp: "127.0.0.1" } },
    };
    const answer = await handler(Buffer.from(JSON.stringify(event)), {});
    const body = Buffer.from(answer.body);
    res.writeHead(answer.statusCode, { ...answer.headers, "content-length": body.length });
    res.end(body);
  });
});
server.listen(0, "127.0.0.1", () => process.send!({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
process.on("message", () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
