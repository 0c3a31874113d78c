// The inspector page in a real browser (Debian's Chromium through playwright-core): what a person sees
// when callbacks arrive, when one is opened, when one is sent from the page, and in the dead letters.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCallback } from "../../scripts/send/build";
import { deliverCallback } from "../../scripts/send/deliver";
import { emulator, ensureBuilt, ROOT, TEST_ENV, type TestEmulator } from "../emulator/support";
import { launchChromium } from "../helpers/browser";
import { startLoopback, type Loopback } from "../helpers/loopback";
import { FORWARD_SECRET } from "../redis/helpers/backend";

const requestIdOf = (headers: Record<string, string>) => headers["x-fc-request-id"] ?? headers["apigw-requestid"] ?? "";

let em: TestEmulator;
let backend: Loopback;
let backendFails = false;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ensureBuilt();
  backend = await startLoopback((_req, res) => {
    res.statusCode = backendFails ? 500 : 200;
    res.end();
  });
  em = await emulator({ env: { ...TEST_ENV, FORWARD_URL: `${backend.origin}/hooks`, FORWARD_SECRET } });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`${em.url}/`);
  await page.locator("#live.connected").waitFor();
});
afterAll(async () => {
  await browser?.close();
  await em?.close();
  await backend?.close();
});

const row = (id: string) => page.locator(`#requests tbody tr[data-id="${id}"]`);
const rowText = async (id: string) => (await row(id).innerText()).replace(/\s+/g, " ");

/** The newest row's request id, once there are more rows than `before`. */
async function newRowAfter(before: number): Promise<string> {
  await expect.poll(() => page.locator("#requests tbody tr").count(), { timeout: 10_000 }).toBeGreaterThan(before);
  return (await page.locator("#requests tbody tr").first().getAttribute("data-id"))!;
}

describe("the live list", () => {
  it("shows a callback sent with the project's sender without a reload, with its verdict, and opens it in full", async () => {
    await page.evaluate(() => ((globalThis as any).__sameDocument = true));
    const { request } = buildCallback("tencent-live-battle-end", { settings: TEST_ENV });
    const delivery = await deliverCallback(request, `${em.url}/fc/tencent-live-battle-end`);
    const id = requestIdOf(delivery.headers);

    await row(id).waitFor();
    const text = await rowText(id);
    for (const part of ["tencent-live-battle-end", "FC trigger", "tencent-live", "Live.CallbackAfterEndBattle", "accepted", "200"]) expect(text).toContain(part);
    expect(await page.evaluate(() => (globalThis as any).__sameDocument)).toBe(true);

    await row(id).click();
    const detail = page.locator("#detail");
    await detail.locator("[data-part=event]").getByText('"endReason": "time_up"').waitFor();
    await detail.locator("[data-part=targets]").getByText("forward").waitFor();
    expect(await detail.locator("[data-part=targets]").innerText()).toContain("delivered");
    await detail.locator("[data-part=log]").getByText("callback accepted").first().waitFor();
    await detail.locator("[data-part=answer]").getByText('"ActionStatus":"OK"').waitFor();
    await detail.getByRole("button", { name: "Raw" }).click();
    expect(await detail.locator("[data-part=body] pre").innerText()).toBe(request.body);
    expect(await detail.locator("[data-part=query]").innerText()).toContain(request.query.Sign);
  });

  it("shows a hostile body, header and callback name as text: nothing in them runs or becomes markup", async () => {
    const payload = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>`;
    const { request } = buildCallback("tencent-live-unknown", { settings: TEST_ENV, set: [`RoomId=${payload}`, `header.X-Note=${payload}`, `query.CallbackCommand=${payload}`] });
    const id = requestIdOf((await deliverCallback(request, `${em.url}/fc/tencent-live`)).headers);
    await row(id).waitFor();
    expect(await rowText(id)).toContain(payload);
    await row(id).click();
    await page.locator("#detail [data-part=headers]").getByText(payload).waitFor();
    await page.locator("#detail").getByRole("button", { name: "Raw" }).click();
    expect(await page.locator("#detail [data-part=body] pre").innerText()).toContain(JSON.stringify(payload).slice(1, -1));
    expect(await page.locator("img, #requests script, #detail script").count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as any).__pwned)).toBeUndefined();
  });

  it("filters by function, platform and verdict, and searches in bodies", async () => {
    const sud = buildCallback("sud-unknown", { settings: TEST_ENV, set: ["data.room_id=findme-7781"] }).request;
    const sudId = requestIdOf((await deliverCallback(sud, `${em.url}/fc/sud-notify`)).headers);
    await row(sudId).waitFor();
    await page.locator("select[name=platform]").selectOption("sud");
    await expect.poll(async () => (await page.locator("#requests tbody tr").allInnerTexts()).every((t) => t.includes("sud"))).toBe(true);
    await page.locator("select[name=platform]").selectOption("");
    await page.locator("input[name=q]").fill("findme-7781");
    await expect.poll(() => page.locator("#requests tbody tr").count()).toBe(1);
    expect(await page.locator("#requests tbody tr").first().getAttribute("data-id")).toBe(sudId);
    await page.locator("input[name=q]").fill("");
    await page.locator("select[name=verdict]").selectOption("refused");
    await expect.poll(() => row(sudId).count()).toBe(0);
    await page.locator("select[name=verdict]").selectOption("");
  });
});

describe("sending from the page", () => {
  it("sends a catalog callback signed, then with a bad signature, again with the same bytes, and edited and re-signed", async () => {
    await page.getByRole("tab", { name: "Send" }).click();
    await page.locator("select[name=callback]").selectOption("sud-player-status");
    await expect.poll(() => page.locator("textarea[name=body]").inputValue()).toContain("sud.mg.merchant.player.status");

    let before = await page.locator("#requests tbody tr").count();
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await page.locator("#send-result").getByText("accepted").waitFor();
    const sent = await newRowAfter(before);
    expect(await rowText(sent)).toContain("accepted");

    before = await page.locator("#requests tbody tr").count();
    await page.getByLabel("Bad signature").check();
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await page.locator("#send-result").getByText("signature_invalid").waitFor();
    const bad = await newRowAfter(before);
    expect(await rowText(bad)).toContain("refused");
    await page.getByLabel("Bad signature").uncheck();

    await page.getByRole("tab", { name: "Requests" }).click();
    await row(sent).click();
    before = await page.locator("#requests tbody tr").count();
    await page.locator("#detail").getByRole("button", { name: "Send again" }).click();
    const again = await newRowAfter(before);
    expect(await rowText(again)).toContain("duplicate");

    await row(sent).click();
    await page.locator("#detail").getByRole("button", { name: "Edit and send" }).click();
    const body = page.locator("textarea[name=body]");
    await expect.poll(() => body.inputValue()).toContain('"notify_id"');
    await body.fill((await body.inputValue()).replace(/"notify_id": ?"[0-9a-f]+"/, '"notify_id": "edited-on-the-page"'));
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await page.locator("#send-result").getByText("accepted").waitFor();
    // The edited request, found by its body (rows of the earlier sends may still be arriving on a busy machine).
    await page.getByRole("tab", { name: "Requests" }).click();
    await page.locator("input[name=q]").fill("edited-on-the-page");
    await expect.poll(() => page.locator("#requests tbody tr").count()).toBe(1);
    await page.locator("#requests tbody tr").first().click();
    await page.locator("#detail").getByRole("button", { name: "Raw" }).click();
    expect(await page.locator("#detail [data-part=body] pre").innerText()).toContain('"notify_id":"edited-on-the-page"');
    expect(await page.locator("#detail").innerText()).toContain("accepted");
    await page.locator("input[name=q]").fill("");
  });
});

describe("dead letters", () => {
  it("lists the local functions' letters with reason and attempts, and replays one and all from the page", async () => {
    backendFails = true;
    const first = buildCallback("tencent-live-battle-start", { settings: TEST_ENV }).request;
    const failed = await deliverCallback(first, `${em.url}/fc/tencent-live-battle-start`);
    expect(failed.status).toBe(503);
    const wrong = buildCallback("tencent-live-battle-end", { settings: TEST_ENV }).request;
    await deliverCallback(wrong, `${em.url}/fc/tencent-live-battle-start`);
    backendFails = false;

    await page.getByRole("tab", { name: "Dead letters" }).click();
    await page.getByRole("button", { name: "Refresh" }).click();
    const undelivered = page.locator("#letters tbody tr", { hasText: "delivery_failed" });
    await undelivered.waitFor();
    expect(await undelivered.innerText()).toMatch(/undelivered[\s\S]*Live\.CallbackAfterStartBattle/);
    expect(await undelivered.locator("td.attempts").innerText()).toBe("1");
    const quarantined = page.locator("#letters tbody tr", { hasText: "wrong_callback" });
    await quarantined.waitFor();

    await undelivered.getByRole("button", { name: "Replay" }).click();
    await page.locator("#letters-result").getByText("delivered").waitFor();
    await expect.poll(() => page.locator("#letters tbody tr", { hasText: "delivery_failed" }).count()).toBe(0);

    await page.getByRole("button", { name: "Replay all" }).click();
    await page.locator("#letters-result li.failed", { hasText: "wrong_callback" }).waitFor();
    await expect.poll(() => page.locator("#letters tbody tr", { hasText: "wrong_callback" }).locator("td.attempts").innerText()).toBe("2");
  });
});

describe("the README's screenshot", () => {
  it("is taken of the page with requests listed and one opened", async () => {
    await page.getByRole("tab", { name: "Requests" }).click();
    const { request } = buildCallback("tencent-live-battle-end", { settings: TEST_ENV });
    const id = requestIdOf((await deliverCallback(request, `${em.url}/fc/tencent-live-battle-end`)).headers);
    await row(id).click();
    await page.locator("#detail [data-part=event]").getByText("time_up").waitFor();
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.locator("#detail").evaluate((detail) => detail.scrollTo(0, 0));
    // The README's picture is rewritten only when asked, so that a test run leaves the work tree clean.
    const path = process.env.UPDATE_SCREENSHOT === "1" ? join(ROOT, "docs", "inspector.png") : undefined;
    if (path) mkdirSync(join(ROOT, "docs"), { recursive: true });
    const png = await page.screenshot({ path });
    expect(png.length).toBeGreaterThan(20_000);
  });
});
