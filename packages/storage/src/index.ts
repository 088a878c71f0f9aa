import {
  CreateBucketCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { Readable } from 'node:stream';

export interface StorageConfig {
  endpoint?: string | undefined;
  region: string;
  bucket: string;
  accessKeyId?: string | undefined;
  secretAccessKey?: string | undefined;
  forcePathStyle: boolean;
}

/** The S3_* variables both services read (see their config specs). */
export interface S3EnvConfig {
  S3_ENDPOINT?: string | undefined;
  S3_REGION: string;
  S3_BUCKET: string;
  S3_ACCESS_KEY_ID?: string | undefined;
  S3_SECRET_ACCESS_KEY?: string | undefined;
  S3_FORCE_PATH_STYLE: boolean;
}

export function storageFromConfig(c: S3EnvConfig): Storage {
  return new Storage({
    endpoint: c.S3_ENDPOINT,
    region: c.S3_REGION,
    bucket: c.S3_BUCKET,
    accessKeyId: c.S3_ACCESS_KEY_ID,
    secretAccessKey: c.S3_SECRET_ACCESS_KEY,
    forcePathStyle: c.S3_FORCE_PATH_STYLE,
  });
}

/** Object storage behind a small repository: the services never build S3 commands themselves. */
export class Storage {
  readonly client: S3Client;
  readonly bucket: string;

  constructor(cfg: StorageConfig) {
    this.bucket = cfg.bucket;
    this.client = new S3Client({
      region: cfg.region,
      forcePathStyle: cfg.forcePathStyle,
      ...(cfg.endpoint ? { endpoint: cfg.endpoint } : {}),
      ...(cfg.accessKeyId && cfg.secretAccessKey
        ? { credentials: { accessKeyId: cfg.accessKeyId, secretAccessKey: cfg.secretAccessKey } }
        : {}),
      // Fail fast when storage is down so callers can answer 503 instead of hanging.
      maxAttempts: 2,
      requestHandler: { connectionTimeout: 3_000, requestTimeout: 60_000 },
    });
  }

  /** Reachability check for /api/ready. */
  async ping(signal?: AbortSignal): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }), signal ? { abortSignal: signal } : {});
  }

  async ensureBucket(): Promise<void> {
    try {
      await this.ping();
    } catch {
      await this.client.send(new CreateBucketCommand({ Bucket: this.bucket }));
    }
  }

  /**
   * Streams `body` to `key` with a multipart upload (parts of 5 MiB — the S3 minimum — at most 2 in flight), so memory stays
   * bounded whatever the size. An abort or a stream error aborts the multipart upload: nothing is left behind.
   */
  async putStream(
    key: string,
    body: Readable,
    opts: { contentType?: string; signal?: AbortSignal } = {},
  ): Promise<void> {
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: body, ContentType: opts.contentType },
      partSize: 5 * 1024 * 1024,
      queueSize: 2,
      leavePartsOnError: false,
    });
    const onAbort = () => void upload.abort().catch(() => {});
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      await upload.done();
    } finally {
      opts.signal?.removeEventListener('abort', onAbort);
    }
  }

  async putBuffer(key: string, body: Buffer | Uint8Array, contentType?: string): Promise<void> {
    const upload = new Upload({ client: this.client, params: { Bucket: this.bucket, Key: key, Body: body, ContentType: contentType } });
    await upload.done();
  }

  /**
   * The object's body as a stream; with `range`, only bytes `start`–`end` (inclusive), as HTTP Range says, so a
   * player's seek reads just what it shows.
   */
  async getStream(key: string, range?: { start: number; end: number }): Promise<Readable> {
    const res = await this.client.send(
      new GetObjectCommand({ Bucket: this.bucket, Key: key, ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}) }),
    );
    return res.Body as Readable;
  }

  /** The object's size in bytes, or null when there is no such object. */
  async size(key: string): Promise<number | null> {
    try {
      const res = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return res.ContentLength ?? 0;
    } catch (err) {
      const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
      if (e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404) return null;
      throw err;
    }
  }

  async deleteKeys(keys: string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += 1000) {
      const chunk = keys.slice(i, i + 1000);
      if (chunk.length === 0) continue;
      await this.client.send(
        new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: chunk.map((Key) => ({ Key })), Quiet: true } }),
      );
    }
  }

  async listKeys(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const res = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const o of res.Contents ?? []) if (o.Key) keys.push(o.Key);
      token = res.IsTruncated ? res.NextContinuationToken : undefined;
    } while (token);
    return keys;
  }

  /** Removes every object of a session (recording, frame images). */
  async deletePrefix(prefix: string): Promise<number> {
    const keys = await this.listKeys(prefix);
    await this.deleteKeys(keys);
    return keys.length;
  }

  destroy(): void {
    this.client.destroy();
  }
}

/** Where a session's objects live: one prefix per session, so deletion is one listing. */
export const sessionPrefix = (sessionId: string) => `sessions/${sessionId}/`;
export const recordingKey = (sessionId: string) => `${sessionPrefix(sessionId)}recording`;
/** The re-encoded copy the session page plays (only for sessions that keep one); under the prefix, so it goes with the session. */
export const playbackKey = (sessionId: string) => `${sessionPrefix(sessionId)}playback.webm`;
export const PLAYBACK_CONTENT_TYPE = 'video/webm';
export const frameImageKey = (sessionId: string, timestampMs: number) =>
  `${sessionPrefix(sessionId)}frames/${String(timestampMs).padStart(9, '0')}.png`;
/** A frame between keyframes showing what was typed before one (the video lane's Keyframe.typed), for the vision lane. */
export const typedFrameKey = (sessionId: string, timestampMs: number) =>
  `${sessionPrefix(sessionId)}typed/${String(timestampMs).padStart(9, '0')}.png`;
