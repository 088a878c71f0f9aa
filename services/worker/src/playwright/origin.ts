import type { VisionFrame } from '@claude-scope/pipeline';

/**
 * Where a replay of inferred events may go, pure (synthesis uses it too): an address-bar URL is opened only on the
 * seed URL's origin. A recording whose address bar shows another origin than the seed's at first was made on
 * another host serving the same app (staging recorded, a reachable copy given as the seed): its URLs map onto the
 * seed's origin, path and query kept.
 */
export interface InferredReplay {
  /** The seed URL: an address-bar navigation is replayed only on its origin. */
  seedUrl: string;
  /** The origin the recording's address bar showed first, where it differs from the seed's. */
  recordingOrigin?: string;
}

/** The origin the recording shows first in its address bar, where that differs from the seed's. */
export function recordingOriginOf(frames: readonly VisionFrame[], seedUrl: string): string | undefined {
  const first = [...frames].sort((a, b) => a.timestamp - b.timestamp).find((f) => f.url)?.url;
  const origin = first ? originOf(first) : undefined;
  return origin && origin !== originOf(seedUrl) ? origin : undefined;
}

/** An address-bar URL as the replay opens it: on the seed's origin (the recording's mapped onto it), else null. */
export function replayUrl(url: string, replay: InferredReplay): string | null {
  const seed = originOf(replay.seedUrl);
  const origin = originOf(url);
  if (!seed || !origin) return null;
  if (origin === seed) return url;
  if (replay.recordingOrigin && origin === replay.recordingOrigin) {
    const u = new URL(url);
    return seed + u.pathname + u.search + u.hash;
  }
  return null;
}

function originOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    return /^https?:$/.test(u.protocol) ? u.origin : undefined;
  } catch {
    return undefined;
  }
}
