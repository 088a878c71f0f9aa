import { ProgressBar } from '../../components/ProgressBar';
import { formatBytes } from '../../lib/format';
import { useFocusOnMount } from '../../lib/use-focus-on-mount';

/** Bytes on their way to the API (XHR upload progress). */
export function UploadProgress({ fraction, name, size, onCancel }: { fraction: number; name: string; size: number; onCancel: () => void }) {
  const pct = Math.round(fraction * 100);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <section className="card" aria-labelledby="upload-heading">
      <div className="card__head">
        <h2 id="upload-heading" className="card__title" ref={heading} tabIndex={-1}>
          Uploading
        </h2>
        <button type="button" className="btn btn--ghost btn--sm" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <p className="upload__name">
        <strong>{name}</strong> <span className="muted">· {formatBytes(size)}</span>
      </p>
      <ProgressBar value={pct} label="Upload progress" />
      <p className="upload__meta">
        <span className="tabular">{pct}%</span>
        <span className="muted">{pct < 100 ? `${formatBytes(Math.round(size * fraction))} of ${formatBytes(size)}` : 'Starting the analysis…'}</span>
      </p>
    </section>
  );
}
