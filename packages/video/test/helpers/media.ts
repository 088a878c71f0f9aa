import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/** Generated test videos live here (git-ignored), keyed by the ffmpeg arguments that made them. */
export const MEDIA_DIR = fileURLToPath(new URL('../../../../.cache/media', import.meta.url));

const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

export type Codec = 'webm' | 'mp4';

// VP9 as Chrome's MediaRecorder can write it; libvpx's VP8 encoder is ~20x slower here on flat frames.
const CODECS: Record<Codec, string[]> = {
  webm: ['-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-row-mt', '1', '-b:v', '0', '-crf', '36'],
  mp4: ['-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '26', '-pix_fmt', 'yuv420p'],
};

/**
 * A 640×360 "UI" clip with known changes:
 *  - 1.0–3.0 s the pointer (a 10×14 dark sprite) travels across the page (no change);
 *  - 1.5 s a toast appears, 3.5 s it goes away;
 *  - 4.5 s one character is typed.
 */
export const UI_EVENTS = { toastOn: 1500, toastOff: 3500, typed: 4500 };

export function uiFilters(): string {
  const pointerX = "'if(lt(t,1),80,if(lt(t,3),80+(t-1)*120,320))'";
  return [
    'drawbox=x=0:y=0:w=640:h=36:color=0x303846:t=fill',
    `drawtext=fontfile=${FONT}:text='Tasks':x=16:y=10:fontsize=16:fontcolor=white`,
    'drawbox=x=40:y=120:w=240:h=28:color=0x909090:t=2',
    `drawtext=fontfile=${FONT}:text='H':x=48:y=126:fontsize=16:fontcolor=0x202020:enable='gte(t,${UI_EVENTS.typed / 1000})'`,
    `drawbox=x=380:y=290:w=220:h=44:color=0x2b7a3d:t=fill:enable='between(t,${UI_EVENTS.toastOn / 1000},${UI_EVENTS.toastOff / 1000 - 0.001})'`,
    `drawbox=x=${pointerX}:y=220:w=10:h=14:color=0x101010:t=fill`,
  ].join(',');
}

export interface MakeOptions {
  codec: Codec;
  durationS?: number;
  /** Pipe the output like MediaRecorder (no duration, no seek index in the file). */
  live?: boolean;
  /** Keep only frames that differ (variable frame rate, like browser capture). */
  vfr?: boolean;
  filters?: string;
  /** lavfi source instead of the plain page background. */
  source?: string;
  size?: string;
  rate?: number;
}

/** Generates (once) a test video and returns its path. */
export async function makeVideo(o: MakeOptions): Promise<string> {
  const { codec, durationS = 6, size = '640x360', rate = 30 } = o;
  const filters = [o.filters ?? uiFilters(), ...(o.vfr ? ['mpdecimate'] : [])].join(',');
  const args = [
    '-hide_banner', '-loglevel', 'error', '-y', '-nostdin',
    '-f', 'lavfi', '-i', o.source ?? `color=c=0xf4f4f4:s=${size}:r=${rate}:d=${durationS}`,
    '-vf', filters,
    ...(o.vfr ? ['-fps_mode', 'vfr'] : []),
    ...CODECS[codec], '-threads', '2',
  ];
  const name = createHash('sha1').update(JSON.stringify([args, o.live])).digest('hex').slice(0, 12);
  const file = join(MEDIA_DIR, `${name}.${codec}`);
  if (existsSync(file)) return file;
  await mkdir(MEDIA_DIR, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  if (o.live) {
    // Written through a pipe, the muxer cannot seek back to store the duration or cues.
    await exec('sh', ['-c', `ffmpeg "$@" -f webm pipe:1 > '${tmp}'`, 'ffmpeg', ...args]);
  } else {
    await exec('ffmpeg', [...args, '-f', codec === 'webm' ? 'webm' : 'mp4', tmp]);
  }
  await rename(tmp, file); // atomic: parallel test files never see half a video
  return file;
}
