// A determinate progress bar with its figures also in text.
export function ProgressBar({ label, value, max }: { label: string; value: number; max: number }) {
  const percent = max > 0 ? Math.round((value / max) * 100) : 0;
  return (
    <div className="progress">
      <div className="progress__label">
        <span>{label}</span>
        <span>
          {value} of {max} ({percent}%)
        </span>
      </div>
      <progress className="progress__bar" aria-label={label} value={value} max={Math.max(max, 1)} />
    </div>
  );
}
