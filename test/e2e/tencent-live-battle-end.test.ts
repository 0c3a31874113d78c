import { captureLogs } from "../helpers/bundle";
import { singleCommandSuite } from "./tencent-single-command";

captureLogs();
singleCommandSuite("tencent-live-battle-end", "Live.CallbackAfterEndBattle", "battle-end", "Live.CallbackAfterDestroyRoom", "room-destroyed");
