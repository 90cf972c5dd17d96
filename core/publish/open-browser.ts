import { spawn } from 'node:child_process';

/**
 * Opens `url` in the system browser without waiting for it: KIRINUKI_BROWSER (an executable that
 * gets the URL as its one argument) when set, else the platform's opener. Failing to start one is
 * not an error: the caller also prints the URL to open by hand.
 */
export async function openInSystemBrowser(url: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const [command, args] = opener(url, env);
  await new Promise<void>((done) => {
    const child = spawn(command, args, { detached: true, stdio: 'ignore' });
    child.once('error', () => done());
    child.once('spawn', () => {
      child.unref();
      done();
    });
  });
}

function opener(url: string, env: NodeJS.ProcessEnv): [string, string[]] {
  const custom = env.KIRINUKI_BROWSER?.trim();
  if (custom) return [custom, [url]];
  // argument arrays only: `cmd /c start` would read the URL's & as a command separator
  if (process.platform === 'win32') return ['rundll32', ['url.dll,FileProtocolHandler', url]];
  if (process.platform === 'darwin') return ['open', [url]];
  return ['xdg-open', [url]];
}
