import { defineFunction } from "../../shared/function";
import { updateSsToken, sudAppServer } from "../../shared/platforms/sud/app-server";

/** SUD's `update_sstoken` app-server interface, answered at any path of this function's URL. */
export const handler = defineFunction({
  platform: sudAppServer("update_sstoken"),
  callbacks: [updateSsToken],
  handlers: {},
});
