import { defineFunction } from "../../shared/function";
import { reportGameInfo, sudAppServer } from "../../shared/platforms/sud/app-server";

/** SUD's `report_game_info` app-server interface, answered at any path of this function's URL. */
export const handler = defineFunction({
  platform: sudAppServer("report_game_info"),
  callbacks: [reportGameInfo],
  handlers: {},
});
