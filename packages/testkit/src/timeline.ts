/**
 * Timeline events as in /work/shared/API.md ("Timeline events (ext)"), mirrored from
 * @claude-scope/contracts so this package stays dependency-free; test/truth.test.ts checks the shape.
 */
export type TimelineEvent =
  | { t: number; type: 'navigate'; url: string }
  | { t: number; type: 'click'; role: string; name: string }
  | { t: number; type: 'fill'; role: string; name: string; value: string }
  | { t: number; type: 'press'; key: string }
  | { t: number; type: 'scroll'; dy: number };

/** An event before its time is known. */
export type TimelineAction = TimelineEvent extends infer E ? (E extends TimelineEvent ? Omit<E, 't'> : never) : never;
