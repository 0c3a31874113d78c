import { defineFunction } from "../../shared/function";
import { sessionLifecycle, yuanjing } from "../../shared/platforms/yuanjing";

/** The 元镜 session lifecycle SPI, by direct FC invocation or over HTTP. */
export const handler = defineFunction({
  platform: yuanjing,
  callbacks: [sessionLifecycle],
  // Business logic goes here; the event is also written as one JSON log line. Throwing answers an error_response.
  handlers: {
    // "alibaba.fc.cloud.rendering.sessionlifecyclenotify": async (event) => { ... event.data.message_type ... },
  },
});
