import { captureLogs } from "../helpers/bundle";
import { singleCommandSuite } from "./tencent-single-command";

captureLogs();
singleCommandSuite("tencent-live-battle-start", "Live.CallbackAfterStartBattle", "battle-start", "Live.CallbackAfterEndBattle", "battle-end");
