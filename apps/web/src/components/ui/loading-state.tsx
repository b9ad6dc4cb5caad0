// What a screen or panel shows while its data loads. A whole screen keeps its heading meanwhile,
// so the page always has its h1 and people know where they are.
import { Spinner } from './spinner';

export function LoadingState({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="loading-state" role="status">
      <Spinner />
      <span>{label}</span>
    </div>
  );
}

/** A loading screen: the page heading, then the spinner. `centered` for screens without the shell. */
export function PageLoading({
  title,
  label,
  centered = false,
}: {
  title: string;
  label?: string;
  centered?: boolean;
}) {
  return (
    <div className={centered ? 'page page--loading' : 'page'}>
      <header className="page__header">
        <h1 className="page__title">{title}</h1>
      </header>
      <LoadingState label={label} />
    </div>
  );
}
