import { useState } from 'react';
import type { ExportEntryView, ExportLibraryView, ExportOutputView, RevealView } from '../../../core/app/views';
import { call } from '../api/call';
import { openExternalUrl, youtubeUrl } from '../api/open-external';
import { formatBytes, formatTime } from '../format';
import { PublishClip } from './PublishClip';
import { UploadTextPanel } from './UploadTextPanel';
import type { UploadText } from '../../../core/export/upload-text';

const PRESETS: Record<string, string> = { shorts: 'Shorts', tiktok: 'TikTok', reels: 'Reels', landscape: 'Landscape' };
const CROPS: Record<string, string> = { follow: 'follow the faces', center: 'centre crop', blur: 'blurred background', scale: 'scaled', copy: 'stream copy' };
const CAPTIONS: Record<string, string> = { none: 'no captions', speech: 'telops', 'top-comment': 'top comment', both: 'telops + top comment' };

/** The settings of an export in words: `Shorts · centre crop · telops · max 6 s · Alice`. */
export function settingsText(settings: ExportEntryView['settings']): string {
  return [
    PRESETS[settings.preset] ?? settings.preset,
    CROPS[settings.crop] ?? settings.crop,
    CAPTIONS[settings.captions] ?? settings.captions,
    settings.maxLengthS !== null ? `max ${settings.maxLengthS} s` : 'preset length',
    ...(settings.perPerson ? [settings.persons.length ? `per person: ${settings.persons.join(', ')}` : 'per person: everyone'] : []),
  ].join(' · ');
}

function when(iso: string): string {
  const date = new Date(iso);
  return date.toLocaleString([], { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

const moments = (n: number): string => `${n} moment${n === 1 ? '' : 's'}`;

function kindLabel(output: ExportOutputView): string {
  if (output.kind === 'summary') return `Summary reel · ${moments(output.moments.length)}`;
  if (output.kind === 'reel') return `Reel of ${output.person ?? 'a person'} · ${moments(output.moments.length)}`;
  return `Moment #${output.moment ?? ''}${output.person ? ` · ${output.person}` : ''}`;
}

interface OutputProps {
  output: ExportOutputView;
  /** The outputs of the newest export keep the test ids the Export screen always had. */
  latest: boolean;
  onReveal: (output: ExportOutputView) => void;
  onSaveAs: (output: ExportOutputView) => void;
  onDelete: (output: ExportOutputView) => Promise<void>;
  onSaveUpload: (output: ExportOutputView, upload: UploadText) => Promise<void>;
}

function Output({ output, latest, onReveal, onSaveAs, onDelete, onSaveUpload }: OutputProps) {
  const api = window.kirinuki;
  const [confirming, setConfirming] = useState(false);
  const clip = output.kind === 'clip' && latest;
  const source = output.start !== null ? youtubeUrl(output.file.videoId, output.start) : null;
  return (
    <li className={`clip output output-${output.kind}`} data-testid={clip ? 'clip-result' : 'export-output'} data-kind={output.kind} data-name={output.name}>
      <video src={api.mediaUrl(output.file)} controls preload="metadata" className={output.height > output.width ? 'portrait' : ''} />
      <div className="clip-body">
        <strong>{kindLabel(output)}</strong>
        <span className="muted small">
          {output.start !== null && output.end !== null ? (
            <><span data-testid="clip-window">{formatTime(output.start, true)}–{formatTime(output.end, true)}</span> · </>
          ) : null}
          {output.width}×{output.height} · <span data-testid="output-duration">{output.durationS.toFixed(1)} s</span> · <span data-testid="output-size">{formatBytes(output.sizeBytes)}</span>
        </span>
        <span className="small output-name" title={output.name} data-testid="output-name">{output.name}</span>
        <span className="muted small path" title={output.path}>{output.path}</span>
        <div className="row output-actions">
          {api.downloadUrl ? (
            <a className="button" href={api.downloadUrl(output.file)} download={output.name} data-testid="output-download">Download</a>
          ) : (
            <button type="button" onClick={() => onSaveAs(output)} data-testid="output-download">Save as…</button>
          )}
          <button type="button" onClick={() => onReveal(output)}>Show in folder</button>
          {source ? <button type="button" className="ghost" onClick={() => void openExternalUrl(source)}>Open on YouTube</button> : null}
          <button type="button" className="ghost" onClick={() => setConfirming(true)} disabled={confirming} data-testid="output-delete">Delete…</button>
        </div>
        {output.kind === 'clip' ? <PublishClip output={output} /> : null}
        {confirming ? (
          <div className="row confirm-delete small" role="alertdialog" aria-label={`Delete ${output.name}`}>
            <span>Delete {output.name} from the disk? This cannot be undone.</span>
            <button type="button" className="danger" onClick={() => void onDelete(output).finally(() => setConfirming(false))} data-testid="output-delete-confirm">Delete</button>
            <button type="button" className="ghost" onClick={() => setConfirming(false)}>Keep</button>
          </div>
        ) : null}
        {output.upload ? <UploadTextPanel upload={output.upload} onSave={(upload) => onSaveUpload(output, upload)} /> : null}
      </div>
    </li>
  );
}

/** Every export of the project, newest first: its settings and each file with a player and a download. */
export function ExportLibrary({ library, onError, onChange }: { library: ExportLibraryView; onError: (error: unknown) => void; onChange: (library: ExportLibraryView) => void }) {
  const [revealed, setRevealed] = useState<RevealView | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const reveal = (output: ExportOutputView) => call('revealFile', { file: output.file }).then(setRevealed, onError);
  const saveAs = (output: ExportOutputView) =>
    call('saveExportAs', { file: output.file }).then((r) => setSaved(r.saved ? r.path : null), onError);
  const remove = (output: ExportOutputView) => call('deleteExport', { file: output.file }).then(onChange, onError);
  const saveUpload = (output: ExportOutputView, upload: UploadText) => call('saveClipUpload', { file: output.file, upload }).then(onChange, onError);
  if (library.exports.length === 0) return null;
  return (
    <section className="export-library" data-testid="export-library" aria-label="Exports">
      <h2>Exports <span className="muted small">in {library.folder}</span></h2>
      {revealed && !revealed.revealed ? (
        <div className="notice" data-testid="reveal-folder">
          <span>The file is in <code className="selectable">{revealed.folder}</code> (open that folder in your file manager; in the browser, Download saves a copy).</span>
          <button type="button" className="ghost" onClick={() => setRevealed(null)} aria-label="Dismiss">×</button>
        </div>
      ) : null}
      {saved ? <div className="notice" data-testid="saved-as">Saved a copy as <code>{saved}</code></div> : null}
      {library.exports.map((entry, index) => (
        <article key={entry.id} className="export-entry" data-testid="export-entry" data-settings={settingsText(entry.settings)}>
          <header className="export-entry-head">
            <strong data-testid="export-settings">{settingsText(entry.settings)}</strong>
            <span className="muted small">
              {index === 0 ? 'latest · ' : ''}{when(entry.at)} · {entry.outputs.length} file{entry.outputs.length === 1 ? '' : 's'}
            </span>
          </header>
          <ul className="clips">
            {entry.outputs.map((output) => (
              <Output key={output.path} output={output} latest={index === 0} onReveal={(o) => void reveal(o)} onSaveAs={(o) => void saveAs(o)} onDelete={remove} onSaveUpload={saveUpload} />
            ))}
          </ul>
        </article>
      ))}
    </section>
  );
}
