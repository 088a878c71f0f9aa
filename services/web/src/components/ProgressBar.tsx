interface Props {
  /** 0–100 */
  value: number;
  label: string;
  tone?: 'default' | 'success' | 'danger';
}

/** A native-semantics progress bar with a fixed height, so updating it never moves the layout. */
export function ProgressBar({ value, label, tone = 'default' }: Props) {
  const v = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div className={`progress progress--${tone}`} role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={v}>
      <div className="progress__fill" style={{ width: `${v}%` }} />
    </div>
  );
}
