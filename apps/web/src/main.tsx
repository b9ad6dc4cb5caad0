// Entry point: mounts the app on #root with the browser's history.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App, preloadScreen } from './app/app';
import { browserLocation } from './lib/browser-location';
import { prefetchSession } from './lib/session-prefetch';
import { applyThemeChoice, readThemeChoice } from './lib/theme';
import './styles/tokens.css';
import './styles/base.css';
import './styles/components.css';

// The remembered theme applies before the first paint of the app (no inline script: the CSP).
applyThemeChoice(readThemeChoice());

// The first signed-in screen's data and code, all at once (see each function for why).
prefetchSession(window.location.pathname);
const screenLoaded = preloadScreen(window.location.pathname);

// A page restored from the back-forward cache may show data from a session that has since
// ended (e.g. Back after signing out): load it afresh, which asks the BFF again.
window.addEventListener('pageshow', (event) => {
  if (event.persisted) browserLocation.reload();
});

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

/**
 * The first render waits for the screen's code (a few tens of milliseconds after the entry), so
 * the layout and the screen render at once rather than suspending; a slow network gets the
 * loading state after a short wait instead of a blank page.
 */
const FIRST_RENDER_WAIT_MS = 250;

void Promise.race([
  screenLoaded,
  new Promise((resolve) => setTimeout(resolve, FIRST_RENDER_WAIT_MS)),
]).then(() => {
  createRoot(container).render(
    <StrictMode>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </StrictMode>,
  );
});
