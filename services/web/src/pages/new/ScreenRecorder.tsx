import { useEffect, useRef, useState } from 'react';
import { formatBytes, formatClock, plural } from '../../lib/format';
import { useObjectUrl } from '../../lib/use-object-url';
import { MAX_UPLOAD_BYTES } from '../../lib/video-file';
import { captureErrorMessage } from './capture-error';
import type { RecordingInput } from './recording';

interface Props {
  /** The account's limit (settings.maxRecordingLength), in minutes. */
  maxMinutes: number;
  value: RecordingInput | null;
  onChange: (value: RecordingInput | null) => void;
}

const MIME_TYPES = ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'];

export const canRecordScreen = () =>
  typeof navigator !== 'undefined' && Boolean(navigator.mediaDevices?.getDisplayMedia) && typeof MediaRecorder !== 'undefined';

/**
 * Records a tab, window or screen with getDisplayMedia + MediaRecorder. Stops by itself at the account's
 * maximum length, or when the user ends the share from the browser's own bar.
 */
export function ScreenRecorder({ maxMinutes, value, onChange }: Props) {
  const [recording, setRecording] = useState(false);
  const [elapsed, setElapsed] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const stopRef = useRef<() => void>(() => {});
  const preview = useObjectUrl(value?.source === 'screen' ? value.blob : null);
  const limitMs = maxMinutes * 60_000;

  useEffect(() => () => stopRef.current(), []);

  const start = async () => {
    setError(null);
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getDisplayMedia({ video: { frameRate: 30 }, audio: false });
    } catch (err) {
      setError(captureErrorMessage(err));
      return;
    }
    const mimeType = MIME_TYPES.find((t) => MediaRecorder.isTypeSupported(t));
    const recorder = new MediaRecorder(stream, { ...(mimeType ? { mimeType } : {}), videoBitsPerSecond: 2_500_000 });
    const chunks: Blob[] = [];
    const startedAt = Date.now();
    const timer = setInterval(() => {
      const ms = Date.now() - startedAt;
      setElapsed(ms);
      if (ms >= limitMs) stop();
    }, 250);
    function stop() {
      clearInterval(timer);
      if (recorder.state !== 'inactive') recorder.stop();
      stream.getTracks().forEach((t) => t.stop());
    }
    stopRef.current = stop;
    recorder.ondataavailable = (e) => {
      if (e.data.size) chunks.push(e.data);
    };
    recorder.onstop = () => {
      const durationMs = Math.min(Date.now() - startedAt, limitMs);
      const blob = new Blob(chunks, { type: 'video/webm' });
      setRecording(false);
      if (blob.size > MAX_UPLOAD_BYTES) {
        setError(`The recording is ${formatBytes(blob.size)}, over the 100 MB limit. Record a shorter session.`);
        return;
      }
      onChange({ blob, name: `recording-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.webm`, size: blob.size, durationMs, source: 'screen' });
    };
    stream.getVideoTracks()[0]?.addEventListener('ended', stop);
    onChange(null);
    setElapsed(0);
    setRecording(true);
    recorder.start(1000);
  };

  if (!canRecordScreen()) {
    return <p className="notice notice--info">This browser cannot record the screen. Upload a file instead.</p>;
  }

  return (
    <div className="recorder">
      {recording ? (
        <div className="recorder__live">
          <span className="recorder__dot" aria-hidden="true" />
          <span className="recorder__time" role="timer" aria-label="Recording time">
            {formatClock(elapsed / 1000)} / {formatClock(limitMs / 1000)}
          </span>
          <button type="button" className="btn btn--danger btn--sm" onClick={() => stopRef.current()}>
            Stop recording
          </button>
        </div>
      ) : value?.source === 'screen' && preview ? (
        <div className="recorder__done">
          <video className="recorder__preview" src={preview} controls muted aria-label="Preview of the recording" />
          <p className="muted">
            {formatClock((value.durationMs ?? 0) / 1000)} · {formatBytes(value.size)}
          </p>
          <button type="button" className="btn btn--sm" onClick={start}>
            Record again
          </button>
        </div>
      ) : (
        <div className="recorder__idle">
          <p>
            Share a tab, window or screen and reproduce the problem. Recording stops by itself after {plural(maxMinutes, 'minute')}, your
            account's limit.
          </p>
          <button type="button" className="btn" onClick={start}>
            <span className="recorder__dot recorder__dot--idle" aria-hidden="true" /> Start recording
          </button>
        </div>
      )}
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
