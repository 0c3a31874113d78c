import { spawn } from "node:child_process";
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import { afterEach, describe, expect, it, vi } from "vitest";

// The logger writes each line to fd 1 or 2 itself, and falls back for good to process.stdout / stderr
// the first time a write does not take the whole line. Each case loads the module afresh: the fallback
// is per instance.

type Write = (fd: number, text: string) => number;

/** log-write.ts with fs.writeSync replaced by `fake`, and what reached the streams. */
async function withDescriptors(fake: Write) {
  const original = fs.writeSync;
  const direct: Array<[number, string]> = [];
  fs.writeSync = ((fd: number, text: string) => {
    const n = fake(fd, text);
    direct.push([fd, Buffer.from(text).subarray(0, n).toString("utf8")]);
    return n;
  }) as typeof fs.writeSync;
  syncBuiltinESMExports();
  undo.push(() => {
    fs.writeSync = original;
    syncBuiltinESMExports();
  });
  const streamed: Array<[number, string]> = [];
  for (const [fd, stream] of [
    [1, process.stdout],
    [2, process.stderr],
  ] as const) {
    const spy = vi.spyOn(stream, "write").mockImplementation(((chunk: string | Buffer) => (streamed.push([fd, chunk.toString()]), true)) as never);
    undo.push(() => spy.mockRestore());
  }
  vi.resetModules();
  const { writeLogLine } = await import("../../shared/core/log-write");
  return { writeLogLine, direct, streamed };
}

const undo: Array<() => void> = [];
afterEach(() => {
  for (const step of undo.splice(0).reverse()) step();
});

const eagain = () => Object.assign(new Error("EAGAIN: resource temporarily unavailable, write"), { code: "EAGAIN" });

describe("log lines written to the descriptors", () => {
  it("writes each whole line straight to fd 1 (stdout) or 2 (stderr), the streams untouched", async () => {
    const { writeLogLine, direct, streamed } = await withDescriptors((_fd, text) => Buffer.byteLength(text));
    writeLogLine(1, '{"msg":"a"}\n');
    writeLogLine(2, '{"msg":"é"}\n');
    expect(direct).toEqual([
      [1, '{"msg":"a"}\n'],
      [2, '{"msg":"é"}\n'],
    ]);
    expect(streamed).toEqual([]);
  });

  it("after EAGAIN (a full non-blocking pipe), that line and every later one go through the stream, fd 1 or 2", async () => {
    let calls = 0;
    const { writeLogLine, direct, streamed } = await withDescriptors((_fd, text) => {
      if (++calls === 2) throw eagain();
      return Buffer.byteLength(text);
    });
    writeLogLine(1, "one\n");
    writeLogLine(1, "two\n");
    writeLogLine(2, "three\n");
    writeLogLine(1, "four\n");
    expect(direct).toEqual([[1, "one\n"]]);
    expect(calls).toBe(2);
    expect(streamed).toEqual([
      [1, "two\n"],
      [2, "three\n"],
      [1, "four\n"],
    ]);
  });

  it("a line only partly taken has its rest, byte for byte, written through the stream, and the stream is used from then on", async () => {
    const line = '{"msg":"直播间已销毁","n":1}\n';
    const { writeLogLine, direct, streamed } = await withDescriptors((_fd, text) => (text === line ? 10 : Buffer.byteLength(text)));
    writeLogLine(1, line);
    writeLogLine(1, "next\n");
    expect(direct).toHaveLength(1);
    const rest = Buffer.from(line).subarray(10);
    expect(streamed.map(([fd]) => fd)).toEqual([1, 1]);
    expect(Buffer.concat([Buffer.from(line).subarray(0, 10), rest]).toString("utf8")).toBe(line);
    expect(streamed[0]![1]).toBe(rest.toString());
    expect(streamed[1]![1]).toBe("next\n");
  });

  it("any other failure (EPIPE, EBADF) falls back the same way: the stream writes the line, or reports it as it always did", async () => {
    const { writeLogLine, streamed } = await withDescriptors(() => {
      throw Object.assign(new Error("EBADF: bad file descriptor, write"), { code: "EBADF" });
    });
    writeLogLine(2, "kept\n");
    expect(streamed).toEqual([[2, "kept\n"]]);
  });

  it("through a real non-blocking pipe read late, every line arrives once and in order", { timeout: 30_000 }, async () => {
    // The child makes its stdout pipe non-blocking (creating process.stdout does, through libuv), then
    // writes far more than the pipe holds before the parent reads anything.
    const child = spawn(
      process.execPath,
      [
        "--require",
        "tsx/cjs",
        "-e",
        `const stdout = process.stdout, write = stdout.write.bind(stdout); let streamed = 0;
         stdout.write = (chunk, ...rest) => (streamed++, write(chunk, ...rest));
         const { writeLogLine } = require("./shared/core/log-write.ts");
         for (let i = 0; i < 4000; i++) writeLogLine(1, JSON.stringify({ i, pad: "x".repeat(200) }) + "\\n");
         process.stderr.write(String(streamed));`,
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let streamed = "";
    child.stderr.on("data", (chunk: Buffer) => (streamed += chunk.toString("utf8")));
    child.stdout.pause();
    await new Promise((resolve) => setTimeout(resolve, 500));
    let text = "";
    child.stdout.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
    child.stdout.resume();
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code).toBe(0);
    const lines = text.split("\n").filter(Boolean);
    expect(lines.map((line) => JSON.parse(line).i)).toEqual(Array.from({ length: 4000 }, (_, i) => i));
    // Straight to the pipe until it was full, through the stream after.
    expect(Number(streamed)).toBeGreaterThan(0);
    expect(Number(streamed)).toBeLessThan(4000);
  });
});
