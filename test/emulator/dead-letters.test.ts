// A dead letter the emulator prints can be replayed from the emulator's own output (`--from-log`).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logLetters } from "../../scripts/replay/letters";
import { buildCallback } from "../../scripts/send/build";
import { deliverCallback } from "../../scripts/send/deliver";
import { emulator, ensureBuilt, logLine, TEST_ENV, type TestEmulator } from "./support";
import { tempDir } from "../helpers/temp";

let em: TestEmulator;
beforeAll(async () => {
  ensureBuilt();
  em = await emulator();
});
afterAll(() => em?.close());

describe("dead letters in the emulator's output", () => {
  it("are printed whole, without --verbose, so replay --from-log reads them from a copy of the terminal", async () => {
    // Authentic, but for a function that does not serve it: quarantined, written to the log.
    const { request } = buildCallback("tencent-live-battle-end", { settings: TEST_ENV });
    const answer = await deliverCallback(request, `${em.url}/fc/tencent-live-battle-start`);
    expect(answer.status).toBe(200);
    expect(answer.verdict.kind).toBe("refused");
    await logLine(em, /"msg":"dead letter"/);

    const file = join(tempDir("emulator-out-"), "terminal.txt");
    writeFileSync(file, em.lines.join("\n"));
    const listing = await logLetters(file).list();
    expect(listing.letters).toHaveLength(1);
    expect(listing.unreadable).toBe(0);
    expect(listing.letters[0]!.letter).toMatchObject({ kind: "quarantined", reason: "wrong_callback", callback: "Live.CallbackAfterEndBattle" });
    expect(Buffer.from(listing.letters[0]!.letter.request.body, "base64").toString("utf8")).toBe(request.body);
  });
});
