/**
 * Characters a terminal acts on instead of showing: C0 controls (ESC starts colour, cursor and title
 * sequences; CR rewrites a line; BEL rings), DEL, C1 controls (U+0080–U+009F, CSI among them) and the
 * bidirectional formatting marks that reorder what follows (U+202E and kin).
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

const NAMED: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * Text that came from a request, an answer or a function, fit to print on one terminal line: every
 * such character is written as a visible escape (`\x1b`, `\r`, `\u202e`), everything else as it is.
 */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return NAMED[c] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`);
  });
}

/** The same for text of several lines (a stack trace): each line made safe, the line breaks kept. */
export function terminalSafeLines(text: string): string {
  return text.split("\n").map(terminalSafe).join("\n");
}
