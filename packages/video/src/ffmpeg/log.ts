/**
 * Reading ffmpeg's stderr, run with `-loglevel level+info`: every line carries its level, so errors
 * are recognised by level rather than by guessing at wording.
 */

const SHOWINFO = /\[Parsed_showinfo_\d+ @ [^\]]+\] (?:\[info\] )?n:\s*\d+\s+pts:\s*-?\d+\s+pts_time:(-?[\d.e+-]+)/;
const LEVEL = /\[(error|fatal|panic)\]/;

/** Timestamp (ms) of a frame leaving the filter graph, from a showinfo line; null for other lines. */
export function showinfoTime(line: string): number | null {
  const m = SHOWINFO.exec(line);
  if (!m) return null;
  const s = Number(m[1]);
  return Number.isFinite(s) ? Math.round(s * 1000) : null;
}

/** True for an error reported while reading or decoding the input (demuxer, decoder or ffmpeg itself). */
export function isDecodeError(line: string): boolean {
  return LEVEL.test(line) && !line.includes('Parsed_showinfo');
}

/** The human part of a log line: "[vp8 @ 0x55…] [error] Foo" → "vp8: Foo". */
export function cleanLine(line: string): string {
  const m = /^\[([^\s\]]+) @ [^\]]+\] (?:\[\w+\] )?(.*)$/.exec(line);
  if (m) return `${m[1]}: ${m[2]}`.trim();
  return line.replace(/^\[\w+\] /, '').trim();
}
