import type { ServerResponse } from "node:http";

/** Keeps idle connections (and proxies) from closing a stream that has nothing to say for a while. */
const HEARTBEAT_MS = 15_000;

/** Server-Sent Events to every open page: a new request, a finished build. */
export class LiveEvents {
  private readonly clients = new Set<ServerResponse>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor() {
    this.heartbeat = setInterval(() => this.write(": heartbeat\n\n"), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  open(res: ServerResponse, headers: Record<string, string>): void {
    res.writeHead(200, { ...headers, "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store", connection: "keep-alive" });
    res.write("retry: 1000\n\n");
    this.clients.add(res);
    res.on("close", () => this.clients.delete(res));
  }

  /** JSON data holds no raw newline, so one `data:` line carries it. */
  send(event: string, data: unknown): void {
    if (this.clients.size > 0) this.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  close(): void {
    clearInterval(this.heartbeat);
    for (const res of this.clients) res.end();
    this.clients.clear();
  }

  private write(text: string) {
    for (const res of this.clients) res.write(text);
  }
}
