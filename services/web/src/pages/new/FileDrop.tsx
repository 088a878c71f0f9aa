import { useRef, useState, type DragEvent } from 'react';
import { formatBytes } from '../../lib/format';
import { ACCEPT, checkVideoFile } from '../../lib/video-file';
import type { RecordingInput } from './recording';

interface Props {
  value: RecordingInput | null;
  onChange: (value: RecordingInput | null) => void;
}

/** A file input that is also a drop target. Type and size are checked here, before any byte is sent. */
export function FileDrop({ value, onChange }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const take = (file: File | undefined) => {
    if (!file) return;
    const problem = checkVideoFile(file);
    setError(problem);
    onChange(problem ? null : { blob: file, name: file.name, size: file.size, source: 'file' });
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    take(e.dataTransfer.files[0]);
  };

  return (
    <div>
      <div
        className={`drop${over ? ' drop--over' : ''}${value ? ' drop--filled' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <input
          ref={input}
          id="recording-file"
          className="visually-hidden"
          type="file"
          accept={ACCEPT}
          aria-describedby="recording-file-hint"
          aria-invalid={error ? true : undefined}
          aria-errormessage={error ? 'recording-file-error' : undefined}
          onChange={(e) => {
            take(e.currentTarget.files?.[0]);
            e.currentTarget.value = ''; // choosing the same file again still fires change
          }}
          onKeyDown={(e) => {
            // Browsers open a file input's picker on Space only; Enter is what a button-like control promises.
            if (e.key === 'Enter') {
              e.preventDefault();
              e.currentTarget.click();
            }
          }}
        />
        <svg className="drop__icon" viewBox="0 0 24 24" aria-hidden="true">
          <path d="M12 16V4m0 0l-4.5 4.5M12 4l4.5 4.5M4 15v3a2 2 0 002 2h12a2 2 0 002-2v-3" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
        {value ? (
          <p className="drop__file">
            <strong>{value.name}</strong> <span className="muted">· {formatBytes(value.size)}</span>
          </p>
        ) : (
          <p className="drop__text">Drag and drop a recording here, or</p>
        )}
        <label htmlFor="recording-file" className="btn btn--sm">
          {value ? 'Choose another file' : 'Choose a file'}
          <span className="visually-hidden"> (recording file)</span>
        </label>
        <p className="drop__hint" id="recording-file-hint">
          WebM, MP4 or MKV, up to 100 MB
        </p>
      </div>
      {error && (
        <p className="field__error" id="recording-file-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
