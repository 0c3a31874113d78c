// Signed sample callbacks for the benchmark. Every call carries a distinct dedupe id, so no measured
// request is ever short-cut as a duplicate. Bodies follow the platforms' own samples (seeds), including
// the bare 18-digit Owner_Account numbers Tencent sends in two of them.
import { sudSignature } from "../shared/platforms/sud/sign";
import { tencentSign } from "../shared/platforms/tencent/sign";
import { formatTopTimestamp, topSign } from "../shared/platforms/yuanjing/sign";

export const BENCH_ENV = {
  TENCENT_SDK_APP_ID: "1400000001",
  TENCENT_CALLBACK_TOKEN: "bench-callback-token",
  SUD_APP_ID: "1461564080052506636",
  SUD_APP_SECRET: "bench-sud-secret",
  YUANJING_APP_SECRET: "bench-top-secret",
} as const;

export type Platform = "tencent" | "sud" | "yuanjing";
export type Sample = "battle-start" | "battle-end" | "room-destroyed" | "player-status" | "session-lifecycle";

export const SAMPLES: readonly Sample[] = ["battle-start", "battle-end", "room-destroyed", "player-status", "session-lifecycle"];

export const PLATFORM_OF: Readonly<Record<Sample, Platform>> = {
  "battle-start": "tencent",
  "battle-end": "tencent",
  "room-destroyed": "tencent",
  "player-status": "sud",
  "session-lifecycle": "yuanjing",
};

/** The sample each function is measured with (the one-URL functions get their richest schema). */
export const SAMPLE_OF_FUNCTION: Readonly<Record<string, Sample>> = {
  "tencent-live": "battle-end",
  "tencent-live-battle-start": "battle-start",
  "tencent-live-battle-end": "battle-end",
  "tencent-live-room-destroyed": "room-destroyed",
  "sud-notify": "player-status",
  "sud-player-status": "player-status",
  "yuanjing-session-lifecycle": "session-lifecycle",
};

/** One HTTP callback as the platform sends it; header names in the sender's case. */
export interface HttpCall {
  readonly method: "POST";
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

const COMMAND = {
  "battle-start": "Live.CallbackAfterStartBattle",
  "battle-end": "Live.CallbackAfterEndBattle",
  "room-destroyed": "Live.CallbackAfterDestroyRoom",
} as const;

function tencentBody(sample: keyof typeof COMMAND, seq: number, nowMs: number): string {
  const s = Math.floor(nowMs / 1000);
  const battleId = `4siHsNsWN/T3aub9zKraq${seq.toString(36)}+bench=`;
  switch (sample) {
    case "battle-start":
      return `{"CallbackCommand":"${COMMAND[sample]}","BattleId":"${battleId}","Duration":60000,"CreateTime":${s},"StartTime":${s},"FromRoomInfo":{"RoomId":"pk-3","Owner_Account":"brennan"},"ToRoomList":[{"RoomId":"pk-5","Owner_Account":"tandy"}],"EventTime":${nowMs}}`;
    case "battle-end":
      return `{"CallbackCommand":"${COMMAND[sample]}","BattleId":"${battleId}","Duration":30000,"CreateTime":${s - 30},"StartTime":${s - 30},"EndTime":${s},"OpType":0,"FromRoomInfo":{"RoomId":"pk-3","Score":0,"Owner_Account":144115245353757792},"ToRoomList":[{"RoomId":"pk-5","Score":0,"Owner_Account":144115245442327522}],"EventTime":${nowMs}}`;
    case "room-destroyed":
      return `{"CallbackCommand":"${COMMAND[sample]}","Operator_Account":"admin","RoomId":"bench-room-${seq}","EventType":"DestroyByUser","EventTime":${nowMs},"RoomInfo":{"RoomName":"live name","RoomType":"Live","Owner_Account":144115216631667826,"IsSeatEnabled":true,"TakeSeatMode":"FreeToTake","MaxMemberCount":400,"MaxSeatCount":4,"Category":[1,2,3],"CustomInfo":"","IsMessageDisabled":false,"CoverURL":"cover url","ActivityStatus":0,"IsPublicVisible":false,"ViewCount":0,"BackgroundURL":"background url","IsUnlimitedRoomEnabled":true},"Statistic":{"TotalViewers":0,"TotalGiftsSent":0,"TotalGiftCoins":0,"TotalUniqueGiftSenders":0,"TotalLikesReceived":0}}`;
  }
}

function tencentCall(sample: keyof typeof COMMAND, seq: number, nowMs: number): HttpCall {
  const requestTime = String(Math.floor(nowMs / 1000));
  return {
    method: "POST",
    path: "/callback",
    query: {
      SdkAppid: BENCH_ENV.TENCENT_SDK_APP_ID,
      CallbackCommand: COMMAND[sample],
      contenttype: "json",
      ClientIP: "203.0.113.7",
      OptPlatform: "RESTAPI",
      Sign: tencentSign(BENCH_ENV.TENCENT_CALLBACK_TOKEN, requestTime),
      RequestTime: requestTime,
    },
    headers: { "Content-Type": "application/json; charset=utf-8", "User-Agent": "Tencent-Callback" },
    body: tencentBody(sample, seq, nowMs),
  };
}

function sudCall(seq: number, nowMs: number): HttpCall {
  const body = `{"notify_id":"bench-${seq}-${nowMs}","notify_time":"${nowMs}","app_id":"${BENCH_ENV.SUD_APP_ID}","notify_event":"sud.mg.merchant.player.status","data":{"mg_id":"1468180338417074177","room_id":"9009","game_round_id":"ce56b6lzi1a7-cehorlmy01pq","event":"manage_status","players":[{"uid":"10001","type":"INTERNAL","timestamp":"${nowMs}","payload":{"is_managed":1}},{"uid":"10002","type":"INTERNAL","timestamp":"${nowMs}","payload":{"is_managed":0}}]}}`;
  const timestamp = String(Math.floor(nowMs / 1000));
  const nonce = `n${seq.toString(36).padStart(15, "0")}`;
  return {
    method: "POST",
    path: "/notify",
    query: {},
    headers: {
      "Content-Type": "application/json",
      "Sud-AppId": BENCH_ENV.SUD_APP_ID,
      "Sud-Timestamp": timestamp,
      "Sud-Nonce": nonce,
      "Sud-Signature": sudSignature(BENCH_ENV.SUD_APP_SECRET, BENCH_ENV.SUD_APP_ID, timestamp, nonce, body),
    },
    body,
  };
}

function yuanjingCall(seq: number, nowMs: number): HttpCall {
  const s = Math.floor(nowMs / 1000);
  const body = `{"fc_group":"fc-dg-common","fc_name":"cg","request_param":{"service_name":"sessionLifecycleNotifyService","action":"SESSION_STATE_MESSAGE","message_type":"DISPATCHED","project_id":"p1","account_id":"a1","game_session_id":"gs-bench-${seq}-${nowMs}","game_id":"g1","time":${s},"scheduled_time":${s},"session_status":"DISPATCHED","device_type":"h5","resource_level":1}}`;
  const query: Record<string, string> = {
    app_key: "12345678",
    timestamp: formatTopTimestamp(nowMs),
    sign_method: "md5",
    target_app_key: "87654321",
    format: "json",
  };
  const headers = { "Content-Type": "application/json;charset=utf-8" };
  // topSign reads the request the way the function will: lower-cased headers, exact body bytes.
  const sign = topSign(BENCH_ENV.YUANJING_APP_SECRET, {
    transport: "http",
    method: "POST",
    path: "/",
    query,
    headers: { "content-type": headers["Content-Type"] },
    body: Buffer.from(body),
    receivedAt: nowMs,
  });
  return { method: "POST", path: "/", query: { ...query, sign }, headers, body };
}

/** A signed callback of `sample`; `seq` makes its dedupe id distinct. */
export function signedCall(sample: Sample, seq: number, nowMs = Date.now()): HttpCall {
  switch (sample) {
    case "player-status":
      return sudCall(seq, nowMs);
    case "session-lifecycle":
      return yuanjingCall(seq, nowMs);
    default:
      return tencentCall(sample, seq, nowMs);
  }
}

export function queryString(query: Readonly<Record<string, string>>): string {
  return new URLSearchParams(query).toString();
}

/** The event AWS Lambda hands over for an HTTP API (payload 2.0) call; complete enough for Powertools' schema. */
export function lambdaEvent(call: HttpCall, nowMs = Date.now()) {
  const headers: Record<string, string> = { host: "bench.execute-api.ap-east-1.amazonaws.com" };
  for (const [name, value] of Object.entries(call.headers)) headers[name.toLowerCase()] = value;
  headers["content-length"] = String(Buffer.byteLength(call.body));
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath: call.path,
    rawQueryString: queryString(call.query),
    headers,
    queryStringParameters: { ...call.query },
    requestContext: {
      accountId: "123456789012",
      apiId: "bench",
      domainName: "bench.execute-api.ap-east-1.amazonaws.com",
      domainPrefix: "bench",
      http: { method: call.method, path: call.path, protocol: "HTTP/1.1", sourceIp: "203.0.113.7", userAgent: headers["user-agent"] ?? "bench" },
      requestId: `req-${nowMs}`,
      routeKey: "$default",
      stage: "$default",
      time: new Date(nowMs).toUTCString(),
      timeEpoch: nowMs,
    },
    body: call.body,
    isBase64Encoded: false,
  };
}

/** The Buffer an FC 3.0 HTTP trigger hands over (`version: "v1"`, header names in the sender's case). */
export function fcHttpEvent(call: HttpCall, nowMs = Date.now()): Buffer {
  const event = {
    version: "v1",
    rawPath: call.path,
    headers: { ...call.headers, Host: "bench.cn-hangzhou.fcapp.run", "Content-Length": String(Buffer.byteLength(call.body)) },
    queryParameters: { ...call.query },
    body: call.body,
    isBase64Encoded: false,
    requestContext: {
      accountId: "1234567890123456",
      domainName: "bench.cn-hangzhou.fcapp.run",
      domainPrefix: "bench",
      requestId: `req-${nowMs}`,
      time: new Date(nowMs).toISOString(),
      timeEpoch: String(nowMs),
      http: { method: call.method, path: call.path, protocol: "HTTP/1.1", sourceIp: "203.0.113.7", userAgent: call.headers["User-Agent"] ?? "bench" },
    },
  };
  return Buffer.from(JSON.stringify(event));
}
