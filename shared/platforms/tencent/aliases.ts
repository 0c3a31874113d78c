/**
 * Other names Tencent's documents give a command (misspellings), by the name its samples send. The
 * callbacks answer to them, and a query and body that use one each name the same command.
 */
export const COMMAND_ALIASES = {
  // The parameter table's spelling.
  "Live.CallbackAfterMemberStateChanged": ["Live.CallbackMemberStateChanged"],
  // The EN page's, in its table and its sample alike.
  "Live.CallbackAfterCloudRecordingChanged": ["Follow.CallbackAfterCloudRecordingChanged"],
} as const satisfies Record<string, readonly string[]>;

/** The name the samples send for a command given under any of its names. */
export function canonicalCommand(name: string): string {
  for (const [canonical, aliases] of Object.entries(COMMAND_ALIASES)) if ((aliases as readonly string[]).includes(name)) return canonical;
  return name;
}
