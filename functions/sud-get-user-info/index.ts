import { defineFunction } from "../../shared/function";
import { getUserInfo, sudAppServer } from "../../shared/platforms/sud/app-server";

/** SUD's `get_user_info` app-server interface, answered at any path of this function's URL. */
export const handler = defineFunction({
  platform: sudAppServer("get_user_info"),
  callbacks: [getUserInfo],
  handlers: {},
});
