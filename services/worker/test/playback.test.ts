import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { playbackKey } from '@claude-scope/storage';
import { makeTestVideo, startDemoApp, type DemoApp } from '@claude-scope/testkit';
import { probe } from '@claude-scope/video';
import { Stack } from './harness.js';

/**
 * keepPlayback on real processes and services: the account's setting at upload decides whether the video lane
 * stores a playback copy (WebM, VP9) under the session; the raw recording goes either way once processed.
 */
describe('playback copy', () => {
  const stack = new Stack();
  let demo: DemoApp;
  let video: string;

  beforeAll(async () => {
    demo = await startDemoApp();
    video = (await makeTestVideo({ durationMs: 4000, width: 640, height: 360, format: 'webm', changesAtMs: [1500, 3000] })).path;
    await stack.start();
    await stack.spawnWorker({ WORKER_QUEUES: 'video,playwright,vision,synthesize' });
  });
  afterAll(async () => {
    await stack.stop();
    await demo?.close();
  });

  const sql = (text: string, params: unknown[] = []) => stack.app.db.$client.query(text, params);
  const row = async (id: string) =>
    (await sql('select keep_playback, playback_key, recording_key from sessions where id = $1', [id])).rows[0] as {
      keep_playback: boolean;
      playback_key: string | null;
      recording_key: string;
    };
  const setKeep = async (auth: { authorization: string }, keepPlayback: boolean) => {
    const res = await fetch(`${stack.apiUrl}/api/settings`, { method: 'PATCH', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ keepPlayback }) });
    expect(res.status).toBe(200);
  };
  const upload = async (auth: { authorization: string }, title: string) => {
    const res = await stack.upload(auth, video, { title, seedUrl: `${demo.url}/login` });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.sessionId as string;
  };

  it('on: a VP9 WebM copy of the whole recording is stored under the session and served; the raw recording still goes', async () => {
    const user = await stack.signup();
    await setKeep(user.auth, true);
    const id = await upload(user.auth, 'kept');

    const r = await row(id);
    expect(r).toMatchObject({ keep_playback: true, playback_key: playbackKey(id) });
    expect(await stack.app.storage.size(r.recording_key)).toBeNull(); // the product's promise holds
    expect(await stack.app.storage.listKeys(`sessions/${id}/`)).toContain(playbackKey(id));

    const res = await fetch(`${stack.apiUrl}/api/sessions/${id}/playback`, { headers: user.auth });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('video/webm');
    const file = path.join(tmpdir(), `playback-${id}.webm`);
    await writeFile(file, Buffer.from(await res.arrayBuffer()));
    const p = await probe(file);
    expect(p.codec).toBe('vp9');
    expect(p.container).toContain('webm');
    expect(p.width).toBe(640);
    expect(p.durationMs).toBeGreaterThan(3800);
    expect(p.durationMs).toBeLessThan(4300);
  });

  it('off (the default): nothing but the frame images is kept, and the route answers 404', async () => {
    const user = await stack.signup();
    const id = await upload(user.auth, 'not kept');
    const r = await row(id);
    expect(r).toMatchObject({ keep_playback: false, playback_key: null });
    expect(await stack.app.storage.size(r.recording_key)).toBeNull();
    const keys = await stack.app.storage.listKeys(`sessions/${id}/`);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((k) => k.startsWith(`sessions/${id}/frames/`))).toBe(true);
    expect((await fetch(`${stack.apiUrl}/api/sessions/${id}/playback`, { headers: user.auth })).status).toBe(404);

    // Settings apply from the next upload on: turning it on later keeps nothing for this session.
    await setKeep(user.auth, true);
    expect((await row(id)).playback_key).toBeNull();
  });
});
