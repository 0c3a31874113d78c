// The Tencent floor with one part of the product in it: Live.CallbackAfterEndBattle checked by the
// product's zod schema through validate() (built with zod itself, not zod-lite: this floor is not built
// with the functions' alias). Beside the plain floor and the function (bench/zod-share.ts), the
// difference is what zod adds to a cold start and a first request.
import { validate } from "../../shared/core/issues";
import { battleEndSchema } from "../../shared/platforms/tencent/callbacks/battle-end";
import { BAD } from "./checks";
import { COMMANDS } from "./tencent";

const END_BATTLE = "Live.CallbackAfterEndBattle";
COMMANDS[END_BATTLE] = {
  ...COMMANDS[END_BATTLE]!,
  check: (value) => {
    const checked = validate(battleEndSchema(), value, "payload");
    return checked.ok ? checked.value : BAD;
  },
};

export { handler } from "./tencent";
