import * as z from "zod/mini";
import { describe, expect, it } from "vitest";
import { describeIssues } from "../../shared/core/issues";
import { battleEnd } from "../../shared/platforms/tencent/callbacks/battle-end";
import { sessionLifecycle } from "../../shared/platforms/yuanjing/callbacks/session-lifecycle";

/** As the pipeline does: with reportInput, so a missing value can be told from a wrong one. */
function messageFor(schema: z.ZodMiniType, value: unknown, prefix?: string): string {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) throw new Error("expected the value to be invalid");
  return describeIssues(result.error.issues, prefix);
}

const battle = {
  BattleId: "b1",
  Duration: 30000,
  CreateTime: 1,
  StartTime: 1,
  EndTime: 2,
  OpType: 0,
  FromRoomInfo: { RoomId: "pk-3", Owner_Account: "a" },
  ToRoomList: [{ RoomId: "pk-5", Owner_Account: "b" }],
  EventTime: 1739956146119,
};

describe("describeIssues: readable zod/mini issue messages", () => {
  it("names a missing required field", () => {
    const { BattleId: _, ...rest } = battle;
    expect(messageFor(battleEnd.schema, rest)).toBe("BattleId: required string is missing");
  });

  it("says what type was expected and what came", () => {
    expect(messageFor(battleEnd.schema, { ...battle, Duration: "30000" })).toBe("Duration: expected number, got string");
    expect(messageFor(battleEnd.schema, { ...battle, OpType: 1.5 })).toBe("OpType: expected int, got non-integer number");
    expect(messageFor(battleEnd.schema, { ...battle, ToRoomList: null })).toBe("ToRoomList: expected array, got null");
  });

  it("writes nested paths with array indexes", () => {
    const rooms = [
      { RoomId: "pk-5", Owner_Account: "b" },
      { RoomId: 5, Owner_Account: "c" },
    ];
    expect(messageFor(battleEnd.schema, { ...battle, ToRoomList: rooms })).toBe("ToRoomList[1].RoomId: expected string, got number");
    const from = { RoomId: "pk-3" };
    expect(messageFor(battleEnd.schema, { ...battle, FromRoomInfo: from })).toBe("FromRoomInfo.Owner_Account: required value is missing");
  });

  it("says an empty string must not be empty", () => {
    expect(messageFor(battleEnd.schema, { ...battle, BattleId: "" })).toBe("BattleId: must not be empty");
  });

  it("uses a schema's own message: a numeric string that is not a number", () => {
    const param = { action: "A", message_type: "M", project_id: "p", account_id: "a", game_session_id: "g", game_id: "g", time: "soon" };
    expect(messageFor(sessionLifecycle.schema, param)).toBe("time: must be a number");
    expect(messageFor(z.string().check(z.minLength(3, "needs three letters")), "ab")).toBe("body: needs three letters");
  });

  it("says a union got the wrong type, naming the type", () => {
    const param = { action: "A", message_type: "M", project_id: "p", account_id: "a", game_session_id: "g", game_id: "g", time: true };
    expect(messageFor(sessionLifecycle.schema, param)).toBe("time: has the wrong type (boolean)");
  });

  it("joins at most five issues with '; '", () => {
    const message = messageFor(battleEnd.schema, {});
    expect(message.split("; ")).toHaveLength(5);
    expect(message).toContain("BattleId: required string is missing");
  });

  it("calls the root 'body', and prefixes paths when asked", () => {
    expect(messageFor(z.looseObject({}), "text")).toBe("body: expected object, got string");
    expect(messageFor(z.looseObject({ a: z.string() }), {}, "request_param")).toBe("request_param.a: required string is missing");
  });

  it("lists the allowed values of an enum", () => {
    expect(messageFor(z.enum(["OK", "FAIL"]), "MAYBE")).toBe('body: expected one of "OK", "FAIL"');
  });
});
