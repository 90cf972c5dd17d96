import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installBrowserHost } from './api/browser-host';
import { App } from './App';
import { installFonts } from './fonts';
import { JobsProvider } from './jobs/JobsProvider';
import './styles.css';

/** The first render waits this long at most for the Japanese font (it comes from this origin: milliseconds). */
const FONT_WAIT_MS = 2500;

installBrowserHost();
const fonts = installFonts();
const root = document.getElementById('root');
if (root) {
  const render = () =>
    createRoot(root).render(
      <StrictMode>
        <JobsProvider>
          <App />
        </JobsProvider>
      </StrictMode>,
    );
  void Promise.race([fonts, new Promise((done) => setTimeout(done, FONT_WAIT_MS))]).then(render);
}
