/**
 * When an FC timer trigger fires: its `cronExpression` is either an interval, `@every 5m` (Go durations:
 * h, m, s, ms, decimals allowed), or a cron expression with seconds, `sec min hour day-of-month month
 * day-of-week`, in UTC unless it starts with `CRON_TZ=<zone> `. Fields take `*`, `?`, lists, ranges,
 * steps (`*\/5`, `10-50/10`), month names (JAN…DEC) and weekday names (SUN…SAT; 0 and 7 are Sunday).
 */
export interface Schedule {
  /** The first time after `after` (epoch ms) that it fires. */
  next(after: number): number;
}

export function parseSchedule(expression: string): Schedule {
  const text = expression.trim();
  if (text.startsWith("@every")) {
    const ms = parseDuration(text.slice("@every".length).trim());
    if (ms === undefined) throw new Error(`"${expression}" is not an interval: write @every 5m, @every 1h30m or @every 30s`);
    return every(ms);
  }
  return cron(text, expression);
}

/** Fires every `ms`, counted from the first time asked. */
export function every(ms: number): Schedule {
  return { next: (after) => after + ms };
}

const UNIT_MS: Readonly<Record<string, number>> = { h: 3600_000, m: 60_000, s: 1000, ms: 1 };

/** A Go duration as FC's `@every` reads it: `5m`, `1h30m`, `1.5h`, `30s`; undefined when it is not one, or is not positive. */
export function parseDuration(text: string): number | undefined {
  if (!/^(\d+(\.\d+)?(h|ms|m|s))+$/.test(text)) return undefined;
  let ms = 0;
  for (const [, amount, , unit] of text.matchAll(/(\d+(\.\d+)?)(h|ms|m|s)/g)) ms += Number(amount) * UNIT_MS[unit!]!;
  return ms > 0 ? Math.round(ms) : undefined;
}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const WEEKDAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
/** Each field's range, and the names it takes for its numbers (the first name is `offset`). */
interface FieldSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  readonly offset?: number;
}
const FIELDS: readonly FieldSpec[] = [
  { name: "seconds", min: 0, max: 59 },
  { name: "minutes", min: 0, max: 59 },
  { name: "hours", min: 0, max: 23 },
  { name: "day-of-month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12, names: MONTHS, offset: 1 },
  { name: "day-of-week", min: 0, max: 7, names: WEEKDAYS, offset: 0 },
];

interface Fields {
  readonly second: number;
  readonly minute: number;
  readonly hour: number;
  readonly day: number;
  readonly month: number;
  readonly weekday: number;
}

/** Searching further than this for a time that matches means the expression never matches (30 February). */
const SEARCH_DAYS = 5 * 366;

function cron(text: string, expression: string): Schedule {
  const zone = /^CRON_TZ=(\S+)\s+/.exec(text);
  const body = zone ? text.slice(zone[0].length) : text;
  const parts = body.split(/\s+/);
  if (parts.length !== 6) {
    const fields = "seconds minutes hours day-of-month month day-of-week";
    throw new Error(`"${expression}" is not an FC cron expression: it needs 6 fields (${fields}), or @every <interval>`);
  }
  const sets = parts.map((part, i) => field(part, FIELDS[i]!, expression));
  // Sunday is 0 and 7.
  if (sets[5]!.has(7)) sets[5]!.add(0);
  const [seconds, minutes, hours, days, months, weekdays] = sets as [Set<number>, Set<number>, Set<number>, Set<number>, Set<number>, Set<number>];
  const anyDay = parts[3] === "*" || parts[3] === "?";
  const anyWeekday = parts[5] === "*" || parts[5] === "?";
  // Both restricted: either may match, as in cron; otherwise the restricted one decides.
  const dayMatches = (f: Fields) => (anyDay || anyWeekday ? days.has(f.day) && weekdays.has(f.weekday) : days.has(f.day) || weekdays.has(f.weekday));
  const fieldsAt = zone ? zonedFields(zone[1]!, expression) : utcFields;
  return {
    next(after) {
      let t = Math.floor(after / 1000) * 1000 + 1000;
      for (const limit = t + SEARCH_DAYS * 86_400_000; t < limit; ) {
        const f = fieldsAt(t);
        const secondsLeftInMinute = 60 - f.second;
        if (!months.has(f.month) || !dayMatches(f)) t += ((23 - f.hour) * 3600 + (59 - f.minute) * 60 + secondsLeftInMinute) * 1000;
        else if (!hours.has(f.hour)) t += ((59 - f.minute) * 60 + secondsLeftInMinute) * 1000;
        else if (!minutes.has(f.minute)) t += secondsLeftInMinute * 1000;
        else {
          const second = [...seconds].filter((s) => s >= f.second).sort((a, b) => a - b)[0];
          if (second !== undefined) return t + (second - f.second) * 1000;
          t += secondsLeftInMinute * 1000;
        }
      }
      throw new Error(`"${expression}" never fires`);
    },
  };
}

function field(part: string, spec: FieldSpec, expression: string): Set<number> {
  const values = new Set<number>();
  const value = (text: string) => {
    const named = spec.names?.indexOf(text.toUpperCase()) ?? -1;
    const n = named >= 0 ? named + (spec.offset ?? 0) : /^\d+$/.test(text) ? Number(text) : NaN;
    if (!(n >= spec.min && n <= spec.max)) throw new Error(`"${expression}": ${spec.name} takes ${spec.min}-${spec.max}, not "${text}"`);
    return n;
  };
  for (const item of part.split(",")) {
    const [range = "", stepText] = item.split("/");
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`"${expression}": the step in ${spec.name} "${item}" is not a whole number`);
    let from: number;
    let to: number;
    if (range === "*" || range === "?") [from, to] = [spec.min, spec.max];
    else if (range.includes("-")) [from, to] = range.split("-").map(value) as [number, number];
    else [from, to] = [value(range), stepText === undefined ? value(range) : spec.max];
    for (let n = from; n <= to; n += step) values.add(n);
  }
  return values;
}

function utcFields(t: number): Fields {
  const d = new Date(t);
  return {
    second: d.getUTCSeconds(),
    minute: d.getUTCMinutes(),
    hour: d.getUTCHours(),
    day: d.getUTCDate(),
    month: d.getUTCMonth() + 1,
    weekday: d.getUTCDay(),
  };
}

function zonedFields(zone: string, expression: string): (t: number) => Fields {
  let format: Intl.DateTimeFormat;
  try {
    const numeric = { month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" } as const;
    format = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", weekday: "short", ...numeric });
  } catch {
    throw new Error(`"${expression}": CRON_TZ=${zone} is not a time zone`);
  }
  return (t) => {
    const parts = Object.fromEntries(format.formatToParts(t).map((p) => [p.type, p.value]));
    const n = (type: string) => Number(parts[type]);
    const weekday = WEEKDAYS.indexOf(String(parts.weekday).toUpperCase());
    return { second: n("second"), minute: n("minute"), hour: n("hour"), day: n("day"), month: n("month"), weekday };
  };
}
