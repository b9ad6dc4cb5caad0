// What the app shows when a screen crashed or its code could not load.
import { Button, buttonClass } from '@/components/ui/button';
import { paths } from '@/config/paths';
import { browserLocation } from '@/lib/browser-location';

export function ErrorScreen() {
  return (
    <main className="centered-page" id="main">
      <div className="card message-card" role="alert">
        <h1 className="message-card__title">Something went wrong</h1>
        <p className="muted">
          This screen stopped working. Reloading usually helps; your data is safe.
        </p>
        <div className="message-card__actions">
          <Button variant="primary" onClick={() => browserLocation.reload()}>
            Reload page
          </Button>
          <a className={buttonClass('secondary')} href={paths.profile}>
            Go to your profile
          </a>
        </div>
      </div>
    </main>
  );
}
