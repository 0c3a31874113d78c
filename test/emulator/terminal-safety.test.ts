// What the emulator prints comes from requests, answers and functions: none of it may reach the
// developer's terminal as a control sequence (cursor moves, colours, titles, bidi reordering).
import { connect } from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { terminalSafe } from "../../scripts/emulator/terminal-safe";
import { emulator, logLine, probeProject, type TestEmulator } from "./support";

/** C0, DEL, C1, and the bidirectional formatting characters: what a terminal acts on instead of showing. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
/** The emulator's own colours, the only escape sequences it may write. */
const OWN_COLOURS = /\u001b\[\d+m/g;

/** Named, so no test title carries the characters themselves to the terminal running the tests. */
const ATTACKS: [string, string][] = [
  ["an erase-screen sequence", "\u001b[2J\u001b[H"],
  ["a window-title sequence ended by BEL", "\u001b]0;owned\u0007"],
  ["a carriage return", "ok\rREWRITTEN"],
  ["a bell", "bell\u0007"],
  ["C1 CSI", "\u009b31m"],
  ["C1 NEL and RI", "\u0085next\u008d"],
  ["a right-to-left override", "txt.exe\u202egnp"],
  ["bidi isolates", "\u2066isolate\u2069"],
];

describe("terminalSafe", () => {
  it.each(ATTACKS)("writes %s with every control and bidi character as a visible escape", (_, text) => {
    const safe = terminalSafe(text);
    expect(safe).not.toMatch(UNSAFE);
    expect(safe.length).toBeGreaterThan(text.replace(new RegExp(UNSAFE, "gu"), "").length);
  });

  it("names the usual ones, and escapes every C1 control U+0080-U+009F", () => {
    expect(terminalSafe("a\u001b[1mb\r\n\t\u0007\u007f")).toBe("a\\x1b[1mb\\r\\n\\t\\x07\\x7f");
    for (let code = 0x80; code <= 0x9f; code++) expect(terminalSafe(String.fromCharCode(code))).toBe(`\\x${code.toString(16)}`);
    expect(terminalSafe("\u202e\u200f\u061c")).toBe("\\u202e\\u200f\\u061c");
  });

  it("leaves printable text as it is: Chinese, emoji, quotes, backslashes", () => {
    for (const text of ["元镜 session", "✔ accepted 🎮", 'say "hi" \\ ok', "Live.CallbackAfterEndBattle"]) expect(terminalSafe(text)).toBe(text);
  });

  it("never lets an unsafe character through, whatever the text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => !UNSAFE.test(terminalSafe(text))),
      { numRuns: 1000 },
    );
  });
});

describe("every line the emulator prints", () => {
  const project = probeProject();
  let em: TestEmulator;
  beforeAll(async () => {
    em = await emulator({ root: project.root, color: true });
  });
  afterAll(async () => {
    await em?.close();
    project.remove();
  });

  const unsafeLines = () => em.lines.filter((line) => UNSAFE.test(line.replace(OWN_COLOURS, ""))).map(terminalSafe);

  /** A request written byte for byte, so nothing a client library would refuse or escape is changed. */
  function rawRequest(head: Buffer): Promise<string> {
    return new Promise((resolve, reject) => {
      const end = Buffer.from("Content-Length: 0\r\nConnection: close\r\n\r\n");
      const socket = connect(em.port, "127.0.0.1", () => socket.write(Buffer.concat([head, end])));
      let answer = "";
      socket.on("data", (chunk: Buffer) => (answer += chunk.toString("latin1")));
      socket.on("end", () => resolve(answer));
      socket.on("error", reject);
    });
  }

  it.each(ATTACKS)("escapes %s in a query's callback name, a body's callback name, a function's stderr and its error", async (_, attack) => {
    const value = encodeURIComponent(attack);
    const tag = Math.random().toString(36).slice(2, 8);
    await fetch(`${em.url}/fc/probe-a/${tag}?CallbackCommand=${value}`, { method: "POST" });
    await fetch(`${em.url}/fc/probe-a/${tag}-body`, { method: "POST", body: `{"CallbackCommand":"${attack}"}` });
    await fetch(`${em.url}/fc/probe-a/${tag}-say?say=${value}`, { method: "POST" });
    await fetch(`${em.url}/fc/probe-a/${tag}-throw?throw=${value}`, { method: "POST" });
    await logLine(em, new RegExp(`${tag}-throw`));
    expect(unsafeLines()).toEqual([]);
  });

  it("escapes a header's C1 bytes that a function logs (Node refuses such bytes in a path, and control bytes anywhere)", async () => {
    const tag = Math.random().toString(36).slice(2, 8);
    const start = Buffer.from(`POST /fc/probe-a/${tag}?say=headers HTTP/1.1\r\nHost: x\r\nX-Note: `);
    const head = Buffer.concat([start, Buffer.from([0x9b, 0x32, 0x4a, 0x85]), Buffer.from("\r\n")]);
    expect(await rawRequest(head)).toMatch(/^HTTP\/1\.1 200/);
    await logLine(em, new RegExp(tag));
    await logLine(em, /X-Note/i);
    expect(unsafeLines()).toEqual([]);
  });
});
