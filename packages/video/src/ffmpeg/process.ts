import { execa } from 'execa';
import { FfmpegUnavailableError } from '../errors.js';

export interface RunOptions {
  signal?: AbortSignal;
  /** Receives stdout as it arrives; awaited, so a slow consumer pauses the child (pipe backpressure). */
  onStdout?: (chunk: Buffer) => void | Promise<void>;
  onStderrLine?: (line: string) => void;
  /** Called once stderr is fully read (no more lines). */
  onStderrEnd?: () => void;
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The last lines of stderr, for error messages. */
  stderrTail: string[];
}

const TAIL_LINES = 40;

/**
 * Runs ffmpeg or ffprobe to completion through execa. The child is killed (SIGKILL: its output is no longer
 * wanted) when `signal` aborts or the stdout consumer throws, and when this process exits (execa's `cleanup`),
 * so no child outlives its caller or the worker; this only settles after the child has exited. Nothing is
 * buffered: stderr is read line by line, stdout chunk by chunk, each awaited.
 */
export async function run(cmd: string, args: readonly string[], o: RunOptions = {}): Promise<RunResult> {
  o.signal?.throwIfAborted();
  const child = execa(cmd, args, {
    stdin: 'ignore',
    stdout: o.onStdout ? 'pipe' : 'ignore',
    stderr: 'pipe',
    buffer: false,
    reject: false,
    cleanup: true,
    killSignal: 'SIGKILL',
    ...(o.signal ? { cancelSignal: o.signal } : {}),
  });

  const tail: string[] = [];
  const line = (l: string) => {
    if (l.length === 0) return;
    tail.push(l);
    if (tail.length > TAIL_LINES) tail.shift();
    o.onStderrLine?.(l);
  };
  const stderrRead = (async () => {
    // execa splits on \n and \r\n; ffmpeg's progress lines end in a bare \r.
    for await (const l of child.iterable({ from: 'stderr' })) l.split('\r').forEach(line);
    o.onStderrEnd?.();
  })().catch(() => {}); // a stream torn down by the kill: the exit below tells what happened

  let failure: unknown = null;
  try {
    if (o.onStdout && child.stdout) {
      for await (const chunk of child.stdout) {
        if (o.signal?.aborted) break; // output still buffered after the kill is not wanted
        await o.onStdout(chunk as Buffer);
      }
    }
  } catch (e) {
    failure = e;
    child.kill();
  }
  const result = await child;
  await stderrRead;
  if (result.failed && result.exitCode === undefined && result.signal === undefined && !result.isCanceled) {
    const e = result.cause as NodeJS.ErrnoException | undefined;
    const hint = result.code === 'ENOENT' ? ' (not found: install ffmpeg or set FFMPEG_PATH / FFPROBE_PATH)' : '';
    throw new FfmpegUnavailableError(`cannot run ${cmd}: ${e?.message ?? result.shortMessage ?? 'spawn failed'}${hint}`);
  }
  if (o.signal?.aborted) throw o.signal.reason;
  if (failure) throw failure;
  return { code: result.exitCode ?? null, signal: (result.signal as NodeJS.Signals | undefined) ?? null, stderrTail: tail };
}
