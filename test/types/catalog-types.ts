// Compile-time (npm run typecheck): every callback of every catalog has its typed handler on the
// platform's one-URL function, its data typed (not unknown), so a callback added without a usable
// type fails the build.
import type { AnyCallback, DataOf, NameOf } from "../../shared/core/callback";
import type { CallbackHandlers } from "../../shared/delivery/handler-target";
import type { callbacks as sudCallbacks } from "../../shared/platforms/sud/callbacks";
import type { callbacks as tencentCallbacks } from "../../shared/platforms/tencent/callbacks";
import type { callbacks as yuanjingCallbacks } from "../../shared/platforms/yuanjing/callbacks";

type Handled<Cs extends readonly AnyCallback[]> = Exclude<NameOf<Cs[number]>, keyof CallbackHandlers<Cs>>;
type Untyped<Cs extends readonly AnyCallback[]> = { [I in keyof Cs]: unknown extends DataOf<Cs[I]> ? NameOf<Cs[I]> : never }[number];
const none = <T extends never>(): T => undefined as never;

none<Handled<typeof tencentCallbacks>>();
none<Handled<typeof sudCallbacks>>();
none<Handled<typeof yuanjingCallbacks>>();
none<Untyped<typeof tencentCallbacks>>();
none<Untyped<typeof sudCallbacks>>();
none<Untyped<typeof yuanjingCallbacks>>();
