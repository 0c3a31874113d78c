/**
 * The callbacks the sender can build: realistic bodies after the platforms' own samples (seeds),
 * valid JSON, a fresh dedupe id on every build. Reused by tests and benchmarks.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { LosslessNumber } from "lossless-json";

export type PlatformName = "tencent-live" | "sud" | "yuanjing";

/** A callback before signing: the body is a JSON value (LosslessNumber keeps bare 64-bit numbers). */
export interface UnsignedCallback {
  readonly query: Record<string, string>;
  readonly headers: Record<string, string>;
  readonly body: Record<string, unknown>;
}

export interface BuildContext {
  readonly now: number;
  /** Configuration (app ids, the 元镜 pair); secrets are only read when signing. */
  readonly settings: Readonly<Record<string, string | undefined>>;
}

export interface CallbackTemplate {
  readonly name: string;
  readonly description: string;
  readonly platform: PlatformName;
  /** The function that serves it, and so where it is sent by default. */
  readonly fn: string;
  build(context: BuildContext): UnsignedCallback;
}

const seconds = (ms: number) => Math.floor(ms / 1000);
/** Battle ids are base64-like and contain `/+=`. */
const battleId = () => randomBytes(18).toString("base64").replace(/^(.{6})/, "$1/+") + "=";
/** Tencent samples show some accounts as bare 18-digit numbers, which JSON.parse would round. */
const bareAccount = () => new LosslessNumber(`1441152${String(Math.floor(Math.random() * 1e11)).padStart(11, "0")}`);

function tencent(command: string, body: Record<string, unknown>, settings: BuildContext["settings"]): UnsignedCallback {
  return {
    query: {
      SdkAppid: settings.TENCENT_SDK_APP_ID ?? "",
      CallbackCommand: command,
      contenttype: "json",
      ClientIP: "203.0.113.10",
      OptPlatform: "RESTAPI",
    },
    headers: { "Content-Type": "application/json; charset=utf-8", "User-Agent": "Tencent-Live-Callback" },
    body: { CallbackCommand: command, ...body },
  };
}

function sud(event: string, data: Record<string, unknown>, { now, settings }: BuildContext): UnsignedCallback {
  return {
    query: {},
    headers: { "Content-Type": "application/json" },
    body: { notify_id: randomUUID().replace(/-/g, ""), notify_time: String(now), app_id: settings.SUD_APP_ID ?? "", notify_event: event, data },
  };
}

export const CATALOGUE: readonly CallbackTemplate[] = [
  {
    name: "tencent-live-battle-start",
    description: "Live.CallbackAfterStartBattle: a PK battle started",
    platform: "tencent-live",
    fn: "tencent-live-battle-start",
    build: ({ now, settings }) =>
      tencent(
        "Live.CallbackAfterStartBattle",
        {
          BattleId: battleId(),
          Duration: 300000,
          CreateTime: seconds(now) - 3,
          StartTime: seconds(now),
          FromRoomInfo: { RoomId: "live_room_1001", Owner_Account: "host_1001" },
          ToRoomList: [{ RoomId: "live_room_2002", Owner_Account: bareAccount() }],
          EventTime: now,
        },
        settings,
      ),
  },
  {
    name: "tencent-live-battle-end",
    description: "Live.CallbackAfterEndBattle: a PK battle ended (time up)",
    platform: "tencent-live",
    fn: "tencent-live-battle-end",
    build: ({ now, settings }) =>
      tencent(
        "Live.CallbackAfterEndBattle",
        {
          BattleId: battleId(),
          Duration: 300000,
          CreateTime: seconds(now) - 305,
          StartTime: seconds(now) - 300,
          EndTime: seconds(now),
          OpType: 0,
          FromRoomInfo: { RoomId: "live_room_1001", Owner_Account: "host_1001", Score: 1280 },
          ToRoomList: [{ RoomId: "live_room_2002", Owner_Account: bareAccount(), Score: 960 }],
          EventTime: now,
        },
        settings,
      ),
  },
  {
    name: "tencent-live-room-destroyed",
    description: "Live.CallbackAfterDestroyRoom: a live room was dissolved",
    platform: "tencent-live",
    fn: "tencent-live-room-destroyed",
    build: ({ now, settings }) =>
      tencent(
        "Live.CallbackAfterDestroyRoom",
        {
          RoomId: `live_room_${randomBytes(3).toString("hex")}`,
          Operator_Account: "host_1001",
          EventType: "DestroyByUser",
          EventTime: now,
          RoomInfo: {
            RoomName: "Friday night PK",
            RoomType: "Live",
            Owner_Account: "host_1001",
            IsSeatEnabled: true,
            TakeSeatMode: "ApplyToTake",
            MaxMemberCount: 10000,
            MaxSeatCount: 9,
            Category: [1, 3],
            CustomInfo: "",
            IsMessageDisabled: false,
            CoverURL: "https://example.com/cover.png",
            ActivityStatus: 0,
            IsPublicVisible: true,
            ViewCount: 1520,
            BackgroundURL: "",
            IsUnlimitedRoomEnabled: false,
          },
          Statistic: { TotalViewers: 1520, TotalGiftsSent: 87, TotalGiftCoins: 4350, TotalUniqueGiftSenders: 23, TotalLikesReceived: 9800 },
        },
        settings,
      ),
  },
  {
    name: "tencent-live-unknown",
    description: "Live.CallbackAfterStartConnection, a command with no schema here: passed on by the one-URL function",
    platform: "tencent-live",
    fn: "tencent-live",
    build: ({ now, settings }) =>
      tencent(
        "Live.CallbackAfterStartConnection",
        { RoomId: `live_room_${randomBytes(3).toString("hex")}`, Owner_Account: "host_1001", RoomType: "Live", EventTime: now },
        settings,
      ),
  },
  {
    name: "sud-player-status",
    description: "sud.mg.merchant.player.status: a player's hosting switched on (manage_status)",
    platform: "sud",
    fn: "sud-player-status",
    build: (context) =>
      sud(
        "sud.mg.merchant.player.status",
        {
          mg_id: "1468180338417074177",
          room_id: "9009",
          game_round_id: randomUUID().replace(/-/g, "").slice(0, 20),
          event: "manage_status",
          players: [{ uid: "10001", type: "INTERNAL", timestamp: String(context.now), payload: { is_managed: 1 } }],
        },
        context,
      ),
  },
  {
    name: "sud-unknown",
    description: "sud.mg.merchant.future.event, an event with no schema here: passed on by the one-URL function",
    platform: "sud",
    fn: "sud-notify",
    build: (context) =>
      sud("sud.mg.merchant.future.event", { mg_id: "1472142559912517633", room_id: "9009", users: [{ uid: "10001", action: "join" }] }, context),
  },
  {
    name: "yuanjing-session-lifecycle",
    description: "元镜 session lifecycle SPI over HTTP, TOP-signed: a session was dispatched",
    platform: "yuanjing",
    fn: "yuanjing-session-lifecycle",
    build: ({ now, settings }) => ({
      query: { app_key: "12345678", target_app_key: "87654321", sign_method: "md5", format: "json" },
      headers: { "Content-Type": "application/json;charset=utf-8" },
      body: {
        fc_group: settings.YUANJING_FC_GROUP || "fc-dg-common",
        fc_name: settings.YUANJING_FC_NAME || "cg",
        request_param: {
          service_name: "sessionLifecycleNotifyService",
          action: "SESSION_STATE_MESSAGE",
          message_type: "DISPATCHED",
          project_id: "project_demo",
          account_id: "player_10001",
          game_session_id: `gs_${randomUUID()}`,
          game_id: "game_demo",
          time: seconds(now),
          scheduled_time: seconds(now),
          session_status: "DISPATCHED",
          tags: "local-test",
          device_type: "h5",
          resource_level: 1,
        },
      },
    }),
  },
];

export function findCallback(name: string): CallbackTemplate | undefined {
  return CATALOGUE.find((c) => c.name === name);
}
