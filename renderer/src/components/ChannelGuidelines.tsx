import { useState } from 'react';
import type { SettingsView } from '../../../core/app/views';

/** Settings: the guidelines profile each channel's exports are checked against (a shipped example's name or a file). */
export function ChannelGuidelines({ settings, onSave }: { settings: SettingsView; onSave: (map: Record<string, string>) => Promise<void> }) {
  const [channel, setChannel] = useState('');
  const [profile, setProfile] = useState('');
  const rows = Object.entries(settings.guidelinesByChannel);
  const add = () => void onSave({ ...settings.guidelinesByChannel, [channel.trim()]: profile.trim() }).then(() => { setChannel(''); setProfile(''); });
  const remove = (key: string) => void onSave(Object.fromEntries(rows.filter(([k]) => k !== key)));
  return (
    <fieldset data-testid="channel-guidelines">
      <legend>Clipping guidelines per channel</legend>
      <p className="muted small">
        Exports of a channel's videos are checked against its profile before anything is downloaded (members-only, waiting time, share, banned title words).
        The shipped profiles are examples only: you are responsible for the actual rules of the channel you clip.
      </p>
      {rows.length > 0 ? (
        <table className="table">
          <tbody>
            {rows.map(([key, value]) => (
              <tr key={key} data-testid="channel-guidelines-row">
                <td>{key}</td>
                <td className="muted small">{value}</td>
                <td><button type="button" className="ghost" onClick={() => remove(key)}>Remove</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <form className="row" onSubmit={(e) => { e.preventDefault(); add(); }}>
        <input value={channel} onChange={(e) => setChannel(e.target.value)} placeholder="Channel id (UC…) or name" aria-label="Channel" className="grow" data-testid="guidelines-channel" />
        <input value={profile} onChange={(e) => setProfile(e.target.value)} placeholder="Profile name or file" aria-label="Guidelines profile" list="guideline-profiles" className="grow" data-testid="guidelines-profile" />
        <datalist id="guideline-profiles">
          {settings.guidelineProfiles.map((name) => <option key={name} value={name} />)}
        </datalist>
        <button type="submit" disabled={!channel.trim() || !profile.trim()} data-testid="guidelines-add">Add</button>
      </form>
    </fieldset>
  );
}
