import { ApiError, type LaneStatus, type StatusResponse } from '@claude-scope/sdk';
import { cliError, ok, type Api } from '../api.js';
import { one, parse } from '../args.js';
import { CliError, EXIT, usage } from '../exit.js';
import { bar, createOut, formatBytes, progressLine } from '../output.js';
import { uploadRecording } from '../upload.js';
import { agentOption } from './prompt.js';

function lanes(s: StatusResponse): string {
  const ps = s.processingStatus;
  if (!ps) return 'queued';
  const lane = (name: string, l: LaneStatus) => `${name} ${l.status === 'running' ? `${Math.round(l.progress)}%` : l.status}`;
  return `${ps.overallStage}: ${lane('video', ps.videoLane)} · ${lane('browser', ps.playwrightLane)} · ${lane('vision', ps.visionLane)} · ${lane('synthesis', ps.synthesis)}`;
}

export async function upload(api: Api, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    'seed-url': { type: 'string' },
    title: { type: 'string' },
    notes: { type: 'string' },
    agent: { type: 'string' },
    timeline: { type: 'string' },
    wait: { type: 'boolean', default: true },
  });
  const file = one(positionals, 'one recording file');
  const seedUrl = values['seed-url'];
  if (!seedUrl) throw usage('--seed-url URL is required (the page the recording starts on)');
  if (!/^https?:\/\/\S+$/i.test(seedUrl)) throw usage('--seed-url must be an absolute http:// or https:// URL');
  api.requireToken();
  const out = createOut(values.json === true);

  const up = progressLine(out);
  const sessionId = await uploadRecording(
    api,
    { path: file, seedUrl, title: values.title, notes: values.notes, agentTarget: agentOption(values.agent), timelinePath: values.timeline },
    ({ loaded, total }) => {
      const fraction = total ? loaded / total : 0;
      up.update(`upload ${bar(fraction)} ${Math.floor(fraction * 100)}% ${formatBytes(loaded)} / ${formatBytes(total ?? loaded)}`, fraction * 100);
    },
  );
  up.done();
  out.info(`Uploaded: ${sessionId}`);

  if (!values.wait) {
    if (out.json) out.data({ sessionId, status: 'processing' });
    else out.result(sessionId);
    return EXIT.OK;
  }
  const lanesLine = progressLine(out);
  const final = await api.sdk.waitForSession(sessionId, { onStatus: (s) => lanesLine.update(lanes(s)) }).catch((err: unknown) => {
    throw err instanceof ApiError ? cliError(err) : err;
  });
  lanesLine.done();
  const s = ok(await api.sdk.GET('/api/sessions/{id}', { params: { path: { id: sessionId } } }));
  if (out.json) {
    const { frames: _f, prompt: _p, ...session } = s;
    out.data({ ...session, sessionId, processingStatus: final.processingStatus });
  } else if (s.status === 'complete') {
    out.result(`${sessionId} complete: ${s.frameCount} frames, ${s.urlCount} URL(s).  Next: claude-scope timeline ${sessionId} · claude-scope prompt ${sessionId}`);
  }
  if (s.status === 'error') {
    if (out.json) return EXIT.PROCESSING_FAILED;
    throw new CliError(EXIT.PROCESSING_FAILED, `${sessionId} could not be processed: ${s.lastError ?? 'unknown error'}`);
  }
  return EXIT.OK;
}
