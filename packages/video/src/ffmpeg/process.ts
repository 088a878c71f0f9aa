import { spawn } from 'node:child_process';
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
 * Runs a command to completion. The child is killed when `signal` aborts or the stdout consumer
 * throws, and this only settles after the child has exited, so no process outlives its caller.
 */
export async function run(cmd: string, args: readonly string[], o: RunOptions = {}): Promise<RunResult> {
  o.signal?.throwIfAborted();
  const child = spawn(cmd, args, { stdio: ['ignore', o.onStdout ? 'pipe' : 'ignore', 'pipe'] });
  const closed = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => {
    child.once('close', (code, sig) => resolve([code, sig]));
  });
  let spawnError: Error | null = null;
  child.once('error', (e) => (spawnError = e));
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  o.signal?.addEventListener('abort', kill, { once: true });

  const tail: string[] = [];
  let carry = '';
  const line = (l: string) => {
    if (l.length === 0) return;
    tail.push(l);
    if (tail.length > TAIL_LINES) tail.shift();
    o.onStderrLine?.(l);
  };
  const stderr = child.stderr!; // piped above
  stderr.setEncoding('utf8');
  stderr.on('data', (d: string) => {
    const parts = (carry + d).split(/\r?\n|\r/);
    carry = parts.pop() ?? '';
    parts.forEach(line);
  });
  stderr.on('end', () => {
    line(carry);
    o.onStderrEnd?.();
  });

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
    kill();
  }
  const [code, sig] = await closed;
  o.signal?.removeEventListener('abort', kill);
  if (spawnError) {
    const e = spawnError as NodeJS.ErrnoException;
    const hint = e.code === 'ENOENT' ? ' (not found: install ffmpeg or set FFMPEG_PATH / FFPROBE_PATH)' : '';
    throw new FfmpegUnavailableError(`cannot run ${cmd}: ${e.message}${hint}`);
  }
  if (o.signal?.aborted) throw o.signal.reason;
  if (failure) throw failure;
  return { code, signal: sig, stderrTail: tail };
}
