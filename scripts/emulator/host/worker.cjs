"use strict";
// One function instance: loads one bundle in its own thread, so it has its own module cache and its own
// process.env (set by the parent from the deploy file), as each function has its own instance in the
// cloud. Plain CommonJS on purpose: Node runs it directly, with no TypeScript loader in the thread.
const { parentPort, workerData } = require("node:worker_threads");

let handler;
try {
  const loaded = require(workerData.file)[workerData.exportName];
  if (typeof loaded !== "function") throw new Error(`${workerData.file} does not export a function "${workerData.exportName}"`);
  handler = loaded;
  parentPort.postMessage({ type: "ready" });
} catch (error) {
  parentPort.postMessage({ type: "load-error", error: describeError(error) });
}

parentPort.on("message", async ({ id, event, context }) => {
  try {
    const result = await call(decodeEvent(event), buildContext(context));
    parentPort.postMessage({ type: "result", id, result: encodeResult(result) });
  } catch (error) {
    parentPort.postMessage({ type: "error", id, error: describeError(error) });
  }
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
  if (error instanceof Error) return { name: error.name, message: error.message, stack: String(error.stack || "").split("\n").slice(1, 8).map((l) => l.trim()) };
  return { name: "Error", message: String(error), stack: [] };
}
