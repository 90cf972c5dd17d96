import { useCallback, useEffect, useRef, useState } from 'react';
import type { CropMode, ExportLibraryView, ExportSettingsView, PeopleView, PresetName, ProjectView } from '../../../core/app/views';
import { call } from '../api/call';
import { ErrorNotice } from '../components/ErrorNotice';
import { ExportLibrary } from '../components/ExportLibrary';
import { ProgressBar } from '../components/ProgressBar';
import { useServiceJob } from '../hooks/useServiceJob';

// one label per name of the core's lists (renderer/ imports only types from core/): a preset or crop
// mode added there fails to type-check here until it has a label
const PRESET_LABELS: Record<PresetName, string> = {
  shorts: 'YouTube Shorts (1080×1920, ≤ 60 s)',
  tiktok: 'TikTok (1080×1920)',
  reels: 'Instagram Reels (1080×1920, ≤ 90 s)',
  landscape: 'Landscape (source aspect)',
};
const CROP_LABELS: Record<CropMode, string> = {
  follow: 'Follow the faces',
  center: 'Centre',
  blur: 'Fit on a blurred background',
};
const PRESETS = (Object.keys(PRESET_LABELS) as PresetName[]).map((id) => ({ id, label: PRESET_LABELS[id] }));
const CROPS = (Object.keys(CROP_LABELS) as CropMode[]).map((id) => ({ id, label: CROP_LABELS[id] }));

/** The job's start as a local time of day, so two tabs can tell which export they are looking at. */
function startedAt(iso: string | undefined): string {
  return iso ? new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' }) : '';
}

/** `--captions` in the app: telops (with the style chosen in the Telops tab), the top comment, both, none. */
type CaptionChoice = 'none' | 'speech' | 'top-comment' | 'both';

export function ExportScreen({ project, defaultPreset }: { project: ProjectView; defaultPreset: PresetName }) {
  const [preset, setPreset] = useState<PresetName>(defaultPreset);
  const [crop, setCrop] = useState<CropMode>('follow');
  const [perPerson, setPerPerson] = useState(false);
  const [personIds, setPersonIds] = useState<string[]>([]);
  const [caption, setCaption] = useState<CaptionChoice>('none');
  const [maxLength, setMaxLength] = useState('');
  const [people, setPeople] = useState<PeopleView | null>(null);
  const [library, setLibrary] = useState<ExportLibraryView | null>(null);
  const [error, setError] = useState<unknown>(null);
  // the project's remembered settings fill the form once, when the library first loads
  const remembered = useRef<string | null>(null);
  // until then the form is disabled: a choice made before they arrive would be overwritten by them
  const [formFor, setFormFor] = useState<string | null>(null);
  const formReady = formFor === project.videoId;
  const applySettings = useCallback((saved: ExportSettingsView) => {
    setPreset(saved.preset);
    setCrop(saved.crop);
    setPerPerson(saved.perPerson);
    setPersonIds(saved.personIds);
    setCaption(saved.caption);
    setMaxLength(saved.maxLengthS === null ? '' : String(saved.maxLengthS));
  }, []);
  const loadClips = useCallback(() => {
    call('listExports', { videoId: project.videoId }).then((view) => {
      setLibrary(view);
      if (remembered.current !== view.videoId) {
        remembered.current = view.videoId;
        if (view.settings) applySettings(view.settings);
      }
      setFormFor(view.videoId);
    }, () => setFormFor(project.videoId));
  }, [project.videoId, applySettings]);
  // the export runs in the service: this screen (in any tab, after a reload) follows it, and reads
  // the clip list again when it ends
  const job = useServiceJob(['exportClips'], project.videoId, 'export', loadClips);
  const running = job.running;

  useEffect(() => {
    call('getPeople', { videoId: project.videoId }).then(setPeople, () => setPeople(null));
    loadClips();
  }, [project.videoId, loadClips]);

  // each change is remembered for the project at once, so the Video screen's preview shows what this will export
  // (one save after another, so the last change is the one kept)
  const videoId = project.videoId;
  const saving = useRef<Promise<unknown>>(Promise.resolve());
  useEffect(() => {
    if (remembered.current !== videoId) return;
    const typed = maxLength.trim() ? Number(maxLength) : null;
    const length = typed === null || (Number.isFinite(typed) && typed >= 1 && typed <= 180) ? { maxLengthS: typed } : {};
    saving.current = saving.current
      .then(() => call('saveExportSettings', { videoId, preset, crop, perPerson, personIds, caption, ...length }))
      .catch(() => undefined);
  }, [videoId, preset, crop, perPerson, personIds, caption, maxLength, library]);

  const enabled = project.moments.filter((m) => m.enabled).length;
  const start = async () => {
    setError(null);
    const length = maxLength.trim() ? Number(maxLength) : null;
    await job.start((id) => call('exportClips', { videoId: project.videoId, preset, crop, perPerson, personIds, caption, maxLengthS: length }, { jobId: id }));
  };
  const notes = job.job?.kind === 'exportClips' && job.job.state === 'done' ? (job.job.result?.notes ?? []) : [];
  const visiblePeople = (people?.people ?? []).filter((p) => !p.hidden);
  const item = job.progress?.item;

  return (
    <section className="screen" data-testid="screen-export">
      <header className="screen-head">
        <h1>Export</h1>
        <p className="muted">{enabled} of {project.moments.length} moments are on (toggle them on the Video screen).</p>
      </header>
      <div className="form-grid">
        <label>Preset
          <select value={preset} onChange={(e) => setPreset(e.target.value as PresetName)} disabled={!formReady} data-testid="export-preset">
            {PRESETS.map((p) => <option key={p.id} value={p.id}>{p.label}</option>)}
          </select>
        </label>
        <label>Crop
          <select value={crop} onChange={(e) => setCrop(e.target.value as CropMode)} disabled={!formReady || preset === 'landscape'} data-testid="export-crop">
            {CROPS.map((c) => <option key={c.id} value={c.id}>{c.label}</option>)}
          </select>
        </label>
        <label>Captions
          <select value={caption} onChange={(e) => setCaption(e.target.value as CaptionChoice)} disabled={!formReady} data-testid="export-caption">
            <option value="none">None</option>
            <option value="speech">Telops of what is said (the video's subtitles)</option>
            <option value="top-comment">The top comment of the moment</option>
            <option value="both">Telops and the top comment</option>
          </select>
        </label>
        <label>Max length (s)
          <input type="number" min={1} max={180} value={maxLength} onChange={(e) => setMaxLength(e.target.value)} placeholder="preset default" disabled={!formReady} data-testid="export-max-length" />
        </label>
        <label className="check">
          <input type="checkbox" checked={perPerson} onChange={(e) => setPerPerson(e.target.checked)} disabled={!formReady || !people?.analyzed} data-testid="export-per-person" />
          One clip per person{people?.analyzed ? '' : ' (find people first)'}
        </label>
        {perPerson ? (
          <div className="chips" aria-label="People to export">
            {visiblePeople.map((p) => (
              <label key={p.id} className="chip">
                <input type="checkbox" checked={personIds.includes(p.id)} onChange={(e) => setPersonIds(e.target.checked ? [...personIds, p.id] : personIds.filter((x) => x !== p.id))} />
                {p.name ?? p.id}
              </label>
            ))}
            <span className="muted small">{personIds.length ? '' : 'Nobody ticked: everyone visible.'}</span>
          </div>
        ) : null}
      </div>
      <div className="row">
        <button type="button" className="primary" onClick={() => void start()} disabled={!formReady || running || !project.video || enabled === 0} data-testid="export-start">Export clips</button>
        <button type="button" onClick={job.cancel} disabled={!running} data-testid="export-cancel">Cancel</button>
        {!project.video ? <span className="muted">Attach the video file on the Video screen first.</span> : null}
      </div>
      <div className="slot slot-2">
        {running ? (
          <>
            <ProgressBar fraction={item?.fraction ?? 0} label={item ? `Clip ${item.index + 1} of ${item.count}${item.label ? ` · ${item.label}` : ''}` : 'Preparing'} testId="clip-progress" />
            <ProgressBar fraction={job.progress?.fraction ?? 0} label={`Overall · started ${startedAt(job.job?.startedAt)}`} testId="overall-progress" />
          </>
        ) : null}
        <ErrorNotice error={error ?? job.error} onDismiss={() => (error ? setError(null) : job.dismissError())} />
      </div>
      {notes.map((note) => <p key={note.code} className="muted small" data-testid="export-note">{note.message}</p>)}
      {library ? <ExportLibrary library={library} onError={setError} onChange={setLibrary} /> : null}
    </section>
  );
}
