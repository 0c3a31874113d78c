import fc from "fast-check";
import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";
import { type Outcome, type Reason, STATUS_OF_REASON } from "../../shared/core/outcome";
import { yuanjingAck } from "../../shared/platforms/yuanjing/ack";
import { toInbound } from "../helpers/events";
import { harness } from "../helpers/harness";
import { NOW_MS, TOP_SECRET, topCall } from "../helpers/requests";
import { RUNS } from "../fuzz/arbitraries";

/** Parses with a strict XML 1.0 parser; returns the text of each element, or throws at the first well-formedness error. */
function parseXml(xml: string): Record<string, string> {
  const parser = new SaxesParser();
  const texts: Record<string, string> = {};
  const open: string[] = [];
  let failure: Error | undefined;
  parser.on("error", (error) => void (failure ??= error));
  parser.on("opentag", (tag) => void open.push(tag.name));
  parser.on("closetag", () => void open.pop());
  parser.on("text", (text) => {
    const name = open[open.length - 1];
    if (name) texts[name] = (texts[name] ?? "") + text;
  });
  parser.write(xml).close();
  if (failure) throw failure;
  return texts;
}

const XML_REQUEST = toInbound(topCall({ body: "{}", format: "xml" }), NOW_MS);
const REASONS = Object.keys(STATUS_OF_REASON) as Reason[];

/** Any UTF-16 text: C0 controls, U+FFFE/U+FFFF, lone surrogates and whole astral characters included. */
const anyText = fc.oneof(
  fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 }).map((units) => String.fromCharCode(...units)),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc
    .array(fc.constantFrom("\u0000", "\u0001", "\u001f", "\t", "\n", "\r", "\ud800", "\udfff", "\ufffe", "\uffff", "😀", "]]>", "&", "<", "元镜"), { maxLength: 12 })
    .map((parts) => parts.join("")),
);

/** Characters XML 1.0 allows (its `Char` production). */
const allowed = (text: string) => /^(?:[\t\n\r\u0020-\ud7ff\ue000-\ufffd]|[\ud800-\udbff][\udc00-\udfff])*$/.test(text);

describe("元镜's XML answers are well-formed XML whatever the message holds", () => {
  it("property: every refusal's XML parses with a strict parser, its message kept wherever XML allows the characters", () => {
    fc.assert(
      fc.property(fc.constantFrom(...REASONS), anyText, fc.boolean(), (reason, message, quarantined) => {
        const outcome: Outcome = { kind: "refused", reason, message, quarantined };
        const answer = yuanjingAck(outcome, XML_REQUEST, undefined);
        const texts = parseXml(answer.body);
        const said = texts.sub_msg ?? texts.message ?? "";
        if (allowed(message)) expect(said).toContain(message);
        else expect(allowed(said)).toBe(true);
      }),
      RUNS,
    );
  });

  it("an authentic call naming an fc_group with control characters gets an answer that parses", async () => {
    const h = harness("yuanjing-session-lifecycle");
    const body = JSON.stringify({ fc_group: "a\u0001b\u0000\ufffe\ud800", fc_name: "cg", request_param: {} });
    const answer = await h.send(topCall({ body, secret: TOP_SECRET, format: "xml" }));
    expect(answer.headers["content-type"]).toMatch(/^application\/xml/);
    const texts = parseXml(answer.body);
    expect(Object.values(texts).join(" ")).toContain("fc_group=a");
  });
});
