import { captureLogs } from "../helpers/bundle";
import { singleCommandSuite } from "./tencent-single-command";

captureLogs();
singleCommandSuite("tencent-live-room-destroyed", "Live.CallbackAfterDestroyRoom", "room-destroyed-by-system", "Live.CallbackAfterStartBattle", "battle-start");
