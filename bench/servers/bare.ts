// Child process of the benchmark: a bare Node http server that reads the request and
// answers a fixed ack (BENCH_ACK), doing nothing else: the forward target of the delivery figures.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const ack = Buffer.from(process.env.BENCH_ACK ?? "{}");
const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": ack.length });
    res.end(ack);
  });
});
server.listen(0, "127.0.0.1", () => process.send!({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
process.on("message", () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
