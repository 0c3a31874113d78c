// Renders rows as one Markdown table with padded columns (readable in a terminal and in BENCHMARKS.md).

export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ""))));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => pad(c, widths[i]!, i > 1)).join(" | ")} |`;
  // The rule as the formatter (Biome) writes it, so that a run written into BENCHMARKS.md passes the lint as it is.
  const rule = `| ${widths.map((w, i) => (i > 1 ? `${"-".repeat(Math.max(w - 1, 1))}:` : "-".repeat(Math.max(w, 1)))).join(" | ")} |`;
  return [line(header), rule, ...rows.map(line)].join("\n");
}

/** Display width: CJK characters take two columns. */
function width(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1;
  return w;
}

function pad(text: string, to: number, right: boolean): string {
  const fill = " ".repeat(Math.max(0, to - width(text)));
  return right ? fill + text : text + fill;
}

export const us = (n: number): string => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
export const kb = (bytes: number): string => (bytes / 1024).toFixed(1);
export const ms = (n: number): string => n.toFixed(1);
/** Millions (of instructions). */
export const M = (n: number | undefined): string => (n === undefined || !Number.isFinite(n) ? "—" : `${(n / 1e6).toFixed(1)} M`);
export const ratio = (n: number): string => (Number.isFinite(n) ? `${n >= 10 ? n.toFixed(0) : n.toFixed(2)}×` : "—");
export const mark = (ok: boolean): string => (ok ? "✓" : "✗");
