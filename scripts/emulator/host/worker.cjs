"use strict";
// One function instance: loads one bundle in its own thread, so it has its own module cache and its own
// process.env (set by the parent from the deploy file), as each function has its own instance in the
// cloud. Plain CommonJS on purpose: Node runs it directly, with no TypeScript loader in the thread.
const { parentPort, workerData } = require("node:worker_threads");
const { AsyncLocalStorage } = require("node:async_hooks");

// What the function writes while handling a request is sent to the host with that request's id, so the
// emulator can show each request with its own log lines; anything written outside a request (module
// load, a timer left running) still goes to the thread's stdout and stderr.
const current = new AsyncLocalStorage();
const inFlight = new Set();
const partial = new Map();
/** Sends what a request wrote to the host as lines; false outside a request. */
function sendLines(name, chunk) {
  const tag = current.getStore();
  if (tag === undefined || !inFlight.has(tag)) return false;
  const key = `${name} ${tag}`;
  const lines = `${partial.get(key) ?? ""}${typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8")}`.split("\n");
  partial.set(key, lines.pop());
  for (const line of lines) parentPort.postMessage({ type: "output", tag, stream: name, line });
  return true;
}
for (const name of ["stdout", "stderr"]) {
  const stream = process[name];
  const write = stream.write.bind(stream);
  stream.write = (chunk, ...rest) => {
    if (!sendLines(name, chunk)) return write(chunk, ...rest);
    const done = rest.find((arg) => typeof arg === "function");
    if (done) process.nextTick(done);
    return true;
  };
}
// The function's logger writes to fd 1 and 2 directly; in a thread those are the emulator's own, so its
// lines are taken here and go where the thread's stdout and stderr go.
const fs = require("node:fs");
const writeSync = fs.writeSync;
fs.writeSync = (fd, data, ...rest) => {
  if ((fd !== 1 && fd !== 2) || typeof data !== "string") return writeSync(fd, data, ...rest);
  const name = fd === 1 ? "stdout" : "stderr";
  if (!sendLines(name, data)) process[name].write(data);
  return Buffer.byteLength(data);
};

/** The rest of a line the request left unfinished, sent before its result so it arrives first. */
function flush(tag) {
  inFlight.delete(tag);
  for (const name of ["stdout", "stderr"]) {
    const rest = partial.get(`${name} ${tag}`);
    partial.delete(`${name} ${tag}`);
    if (rest) parentPort.postMessage({ type: "output", tag, stream: name, line: rest });
  }
}

let handler;
try {
  const loaded = require(workerData.file)[workerData.exportName];
  if (typeof loaded !== "function") throw new Error(`${workerData.file} does not export a function "${workerData.exportName}"`);
  handler = loaded;
  parentPort.postMessage({ type: "ready" });
} catch (error) {
  parentPort.postMessage({ type: "load-error", error: describeError(error) });
}

parentPort.on("message", ({ id, event, context, tag }) => {
  if (tag !== undefined) inFlight.add(tag);
  return current.run(tag, async () => {
    try {
      const result = await call(decodeEvent(event), buildContext(context));
      flush(tag);
      parentPort.postMessage({ type: "result", id, result: encodeResult(result) });
    } catch (error) {
      flush(tag);
      parentPort.postMessage({ type: "error", id, error: describeError(error) });
    }
  });
});

/** Both runtimes accept a promise-returning handler or the (event, context, callback) style. */
function call(event, context) {
  return new Promise((resolve, reject) => {
    const returned = handler(event, context, (error, value) => (error ? reject(error) : resolve(value)));
    if (returned && typeof returned.then === "function") returned.then(resolve, reject);
  });
}

/** FC hands the function a Buffer; Lambda a parsed object. */
function decodeEvent(event) {
  return event.kind === "bytes" ? Buffer.from(event.data.buffer, event.data.byteOffset, event.data.byteLength) : event.value;
}

function buildContext(data) {
  const context = { ...data };
  if (data.deadline !== undefined) {
    context.getRemainingTimeInMillis = () => Math.max(0, data.deadline - Date.now());
    context.callbackWaitsForEmptyEventLoop = true;
  }
  context.logger = console;
  return context;
}

function encodeResult(value) {
  if (value === undefined || value === null) return { kind: "empty" };
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return { kind: "bytes", data: new Uint8Array(value) };
  if (typeof value === "string") return { kind: "string", text: value };
  return { kind: "json", text: JSON.stringify(value) };
}

function describeError(error) {
  if (error instanceof Error)
    return {
      name: error.name,
      message: error.message,
      stack: String(error.stack || "")
        .split("\n")
        .slice(1, 8)
        .map((l) => l.trim()),
    };
  return { name: "Error", message: String(error), stack: [] };
}
