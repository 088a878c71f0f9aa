/** Where the CLI writes: results to stdout, progress and messages to stderr (so --json stays parseable). */
export interface Out {
  json: boolean;
  /** Progress redraws in place only on a terminal; elsewhere it is plain lines. */
  tty: boolean;
  result(text: string): void;
  data(value: unknown): void;
  info(text: string): void;
}

export function createOut(json: boolean): Out {
  return {
    json,
    tty: process.stderr.isTTY === true && process.stdout.isTTY === true,
    result: (text) => void process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    data: (value) => void process.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    info: (text) => void process.stderr.write(`${text}\n`),
  };
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** A one-line progress display: redrawn on a terminal, a new line per step of `every`% elsewhere. */
export function progressLine(out: Out, every = 25) {
  let lastPlain = '';
  let lastBucket = -1;
  return {
    update(text: string, percent?: number) {
      if (out.tty) {
        process.stderr.write(`\r\x1b[2K${text}`);
        return;
      }
      if (percent !== undefined) {
        const bucket = Math.floor(percent / every);
        if (bucket === lastBucket) return;
        lastBucket = bucket;
      } else if (text === lastPlain) return;
      lastPlain = text;
      process.stderr.write(`${text}\n`);
    },
    done() {
      if (out.tty) process.stderr.write('\n');
    },
  };
}

export function bar(fraction: number, width = 24): string {
  const full = Math.round(Math.max(0, Math.min(1, fraction)) * width);
  return `[${'#'.repeat(full)}${'-'.repeat(width - full)}]`;
}
