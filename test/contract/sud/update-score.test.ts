import { describe } from "vitest";
import { MemoryDedupeStore } from "../../../shared/delivery/dedupe/memory";
import { updateScoreSuite } from "./update-score-suite";

describe("sud-app-server: update_score, idempotent on order_id, with the in-memory dedupe store", () => {
  updateScoreSuite(() => new MemoryDedupeStore());
});
