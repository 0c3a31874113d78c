/**
 * A value now, or a promise of it: what a store in memory and one over the network (Redis) have in
 * common. A request served from memory is then decided without a promise or a turn of the event loop.
 */
export type Maybe<T> = T | Promise<T>;

/** `next` of the value: at once when it is there, once it settles when it is a promise (`failed` on a rejection). */
export function andThen<T, U>(value: Maybe<T>, next: (value: T) => Maybe<U>, failed?: (error: unknown) => Maybe<U>): Maybe<U> {
  return value instanceof Promise ? value.then(next, failed) : next(value);
}
