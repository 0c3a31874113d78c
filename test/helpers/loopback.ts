/** A plain HTTP server on loopback for tests that need to answer in ways the signed backend does not. */
import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Loopback {
  readonly server: Server;
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** Every request seen, in order: method and path. */
  readonly requests: Array<{ method: string; path: string }>;
  /** How many TCP connections were opened to it. */
  readonly connections: () => number;
  close(): Promise<void>;
}

/** With no listener, every request gets a 200 (and is counted). */
export async function startLoopback(listener: RequestListener = (_req, res) => void res.end()): Promise<Loopback> {
  const requests: Loopback["requests"] = [];
  let connections = 0;
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? "", path: req.url ?? "" });
    listener(req, res);
  });
  server.on("connection", () => connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    origin: `http://127.0.0.1:${port}`,
    requests,
    connections: () => connections,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
