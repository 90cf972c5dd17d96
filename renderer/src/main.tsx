import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installBrowserHost } from './api/browser-host';
import { App } from './App';
import { installFonts } from './fonts';
import { JobsProvider } from './jobs/JobsProvider';
import './styles.css';

installBrowserHost();
installFonts();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <JobsProvider>
        <App />
      </JobsProvider>
    </StrictMode>,
  );
}
