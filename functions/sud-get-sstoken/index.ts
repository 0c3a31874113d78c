import { defineFunction } from "../../shared/function";
import { getSsToken, sudAppServer } from "../../shared/platforms/sud/app-server";

/** SUD's `get_sstoken` app-server interface, answered at any path of this function's URL. */
export const handler = defineFunction({
  platform: sudAppServer("get_sstoken"),
  callbacks: [getSsToken],
  handlers: {},
});
