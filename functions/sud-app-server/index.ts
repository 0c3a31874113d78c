import { defineFunction } from "../../shared/function";
import { sudAppInterfaces, sudAppServer } from "../../shared/platforms/sud/app-server";

/**
 * SUD's app-server interfaces at one prefix, each by the last segment of its URL (`<url>/get_sstoken`,
 * `<url>/update_sstoken`, `<url>/get_user_info`, `<url>/report_game_info`, `<url>/get_account`, `<url>/get_score`,
 * `<url>/update_score`).
 */
export const handler = defineFunction({
  platform: sudAppServer(),
  callbacks: sudAppInterfaces,
  // Business logic goes here: each token or user interface returns `{ data }` or `{ error: { ret_code, ret_msg } }`;
  // without a handler it answers "not implemented". report_game_info is a notification (deduped, then acknowledged).
  // update_score is answered once per order_id: a retry gets the stored answer, the handler not asked again.
  handlers: {
    // get_sstoken: async (event) => ({ data: { ss_token: await tokens.issue(event.data.code), expire_date: Date.now() + 3_600_000 } }),
  },
});
