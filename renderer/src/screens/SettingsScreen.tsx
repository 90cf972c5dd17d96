import { useEffect, useState } from 'react';
import type { AnalysisQuality, PresetName, SettingsView, ToolInfo } from '../../../core/app/views';
import { call } from '../api/call';
import { ErrorNotice } from '../components/ErrorNotice';
import { ChannelGuidelines } from '../components/ChannelGuidelines';
import { YoutubeAccountPanel } from '../components/YoutubeAccountPanel';

// a label for each of the core's preset names (a new one fails to type-check here until it has one)
const PRESET_LABELS: Record<PresetName, string> = { shorts: 'Shorts', tiktok: 'TikTok', reels: 'Reels', landscape: 'Landscape' };

export function SettingsScreen({ onSaved }: { onSaved: (settings: SettingsView) => void }) {
  const [settings, setSettings] = useState<SettingsView | null>(null);
  const [tools, setTools] = useState<ToolInfo[] | null>(null);
  const [apiKey, setApiKey] = useState('');
  const [outputDir, setOutputDir] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    call('getSettings', {}).then((view) => {
      setSettings(view);
      setOutputDir(view.outputDir);
    }, setError);
    call('detectTools', {}).then(setTools, setError);
  }, []);

  const save = async (patch: Parameters<typeof window.kirinuki.saveSettings>[0]) => {
    setError(null);
    setSaved(false);
    try {
      const view = await call('saveSettings', patch);
      setSettings(view);
      onSaved(view);
      setApiKey('');
      setSaved(true);
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <section className="screen" data-testid="screen-settings">
      <header className="screen-head"><h1>Settings</h1></header>
      <div className="slot">
        <ErrorNotice error={error} onDismiss={() => setError(null)} />
        {saved && !error ? <div className="notice notice-ok" data-testid="settings-saved">Saved.</div> : null}
      </div>
      {settings ? (
        <div className="settings">
          <fieldset>
            <legend>YouTube Data API key</legend>
            <p className="muted small" data-testid="api-key-status">
              {settings.apiKey.set ? `A key ending in ${settings.apiKey.hint ?? ''} is set (${settings.apiKey.source === 'environment' ? 'from YOUTUBE_API_KEY' : `kept in ${settings.apiKey.storage}`}).` : 'No key set.'}
            </p>
            <form className="row" onSubmit={(e) => { e.preventDefault(); void save({ apiKey: apiKey.trim() }); }}>
              <input type="password" autoComplete="off" value={apiKey} onChange={(e) => setApiKey(e.target.value)} placeholder="AIza…" aria-label="API key" className="grow" data-testid="api-key-input" />
              <button type="submit" className="primary" disabled={!apiKey.trim()} data-testid="api-key-save">Save key</button>
              <button type="button" disabled={settings.apiKey.source !== 'settings'} onClick={() => void save({ apiKey: null })}>Forget key</button>
            </form>
          </fieldset>
          <fieldset>
            <legend>Output folder</legend>
            <form className="row" onSubmit={(e) => { e.preventDefault(); void save({ outputDir }); }}>
              <input value={outputDir} onChange={(e) => setOutputDir(e.target.value)} className="grow" aria-label="Output folder" data-testid="output-dir" />
              <button type="submit" disabled={outputDir === settings.outputDir}>Save</button>
            </form>
            <p className="muted small">Each video gets a project folder here, with its comments cache, people and clips.</p>
          </fieldset>
          <fieldset className="row">
            <label>Analysis quality
              <select value={settings.analysisQuality} onChange={(e) => void save({ analysisQuality: e.target.value as AnalysisQuality })} data-testid="analysis-quality">
                <option value="fast">Fast (fewer frames)</option>
                <option value="balanced">Balanced</option>
                <option value="accurate">Accurate (slower, finds smaller faces)</option>
              </select>
            </label>
            <label>Default preset
              <select value={settings.defaultPreset} onChange={(e) => void save({ defaultPreset: e.target.value as PresetName })} data-testid="default-preset">
                {(Object.keys(PRESET_LABELS) as PresetName[]).map((name) => <option key={name} value={name}>{PRESET_LABELS[name]}</option>)}
              </select>
            </label>
          </fieldset>
          <ChannelGuidelines settings={settings} onSave={(guidelinesByChannel) => save({ guidelinesByChannel })} />
          <YoutubeAccountPanel />
          <fieldset>
            <legend>Tools</legend>
            <table className="table" data-testid="tools">
              <tbody>
                {(tools ?? []).map((tool) => (
                  <tr key={tool.name}>
                    <td>{tool.name}</td>
                    <td>{tool.version ?? <span className="status-failed">not usable</span>}</td>
                    <td className="muted small tool-where" title={tool.path ?? ''}>{tool.problem ?? tool.path}</td>
                  </tr>
                ))}
                {tools === null ? <tr><td colSpan={3} className="muted">Checking…</td></tr> : null}
              </tbody>
            </table>
          </fieldset>
        </div>
      ) : null}
    </section>
  );
}
