import { useEffect, useState } from 'react';
import type { YoutubeAccountView } from '../../../core/app/views';
import { call } from '../api/call';
import { ErrorNotice } from './ErrorNotice';

/**
 * Settings → Publishing to YouTube: the user's own OAuth client ("Desktop app" client id and
 * secret from Google Cloud) and the stored sign-in, which can be deleted. The secret never comes back.
 */
export function YoutubeAccountPanel() {
  const [account, setAccount] = useState<YoutubeAccountView | null>(null);
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    call('getYoutubeAccount', {}).then(setAccount, setError);
  }, []);

  const save = (args: Parameters<typeof window.kirinuki.saveYoutubeAccount>[0]) => {
    setError(null);
    call('saveYoutubeAccount', args).then((view) => {
      setAccount(view);
      setClientId('');
      setClientSecret('');
    }, setError);
  };

  if (!account) return <ErrorNotice error={error} />;
  return (
    <fieldset data-testid="youtube-account">
      <legend>Publishing to YouTube</legend>
      <p className="muted small" data-testid="youtube-client-status">
        {account.clientId ? `OAuth client ${account.clientId} (from ${account.clientSource ?? ''}).` : 'No OAuth client yet: create a "Desktop app" client in Google Cloud (see the README) and paste its id and secret.'}{' '}
        {account.signedIn ? `Signed in; the sign-in is kept in ${account.storage}.` : 'Not signed in: Publish opens the browser to sign in (upload only).'}
      </p>
      <form className="row" onSubmit={(e) => { e.preventDefault(); save({ clientId: clientId.trim(), clientSecret: clientSecret.trim() }); }}>
        <input value={clientId} onChange={(e) => setClientId(e.target.value)} placeholder="…apps.googleusercontent.com" aria-label="OAuth client id" className="grow" data-testid="youtube-client-id" />
        <input type="password" autoComplete="off" value={clientSecret} onChange={(e) => setClientSecret(e.target.value)} placeholder="client secret" aria-label="OAuth client secret" data-testid="youtube-client-secret" />
        <button type="submit" className="primary" disabled={!clientId.trim() || !clientSecret.trim()} data-testid="youtube-client-save">Save client</button>
        <button type="button" disabled={!account.signedIn} onClick={() => save({ signOut: true })} data-testid="youtube-sign-out">Sign out</button>
      </form>
      <ErrorNotice error={error} onDismiss={() => setError(null)} />
    </fieldset>
  );
}
