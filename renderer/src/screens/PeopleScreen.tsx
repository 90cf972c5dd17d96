import { useCallback, useEffect, useState } from 'react';
import type { PeopleView, PersonView, ProjectView } from '../../../core/app/views';
import { call } from '../api/call';
import { ErrorNotice } from '../components/ErrorNotice';
import { ProgressBar } from '../components/ProgressBar';
import { formatTime } from '../format';
import { useServiceJob } from '../hooks/useServiceJob';

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable);
}

interface CardProps {
  videoId: string;
  person: PersonView;
  others: PersonView[];
  onChange: (change: Promise<PeopleView>) => void;
}

function PersonCard({ videoId, person, others, onChange }: CardProps) {
  const [name, setName] = useState(person.name ?? '');
  const [mergeInto, setMergeInto] = useState('');
  useEffect(() => setName(person.name ?? ''), [person.name]);
  return (
    <li className={`person${person.hidden ? ' off' : ''}`} data-testid={`person-${person.id}`}>
      <div className="thumb">
        {person.thumbnail ? <img src={window.kirinuki.mediaUrl(person.thumbnail)} alt={person.name ?? person.id} /> : <span className="muted">no face</span>}
      </div>
      <div className="person-body">
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim()) onChange(call('renamePerson', { videoId, personId: person.id, name: name.trim() }));
          }}
        >
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder={person.id} aria-label={`Name of ${person.id}`} data-testid={`person-name-${person.id}`} />
          <button type="submit" disabled={!name.trim() || name.trim() === person.name} data-testid={`person-rename-${person.id}`}>Rename</button>
        </form>
        <p className="muted small">
          {person.id} · on screen {formatTime(person.totalS)} · {person.appearances.length} appearances
        </p>
        <div className="row">
          <label className="check">
            <input type="checkbox" checked={person.hidden} onChange={(e) => onChange(call('hidePerson', { videoId, personId: person.id, hidden: e.target.checked }))} />
            Hide
          </label>
          <select value={mergeInto} onChange={(e) => setMergeInto(e.target.value)} aria-label={`Merge ${person.id} into`}>
            <option value="">Merge into…</option>
            {others.map((other) => (
              <option key={other.id} value={other.id}>{other.name ?? other.id}</option>
            ))}
          </select>
          <button type="button" disabled={!mergeInto} onClick={() => onChange(call('mergePeople', { videoId, into: mergeInto, from: [person.id] }))}>
            Merge
          </button>
        </div>
      </div>
    </li>
  );
}

interface SuggestionsProps {
  view: PeopleView;
  onChange: (change: Promise<PeopleView>) => void;
}

/** "person-5 may be person-2": a one-click merge (undone with Undo) for people the analysis was not sure enough to join. */
function MergeSuggestions({ view, onChange }: SuggestionsProps) {
  if (view.suggestions.length === 0) return null;
  const label = (id: string): string => view.people.find((p) => p.id === id)?.name ?? id;
  return (
    <ul className="suggestions" data-testid="merge-suggestions">
      {view.suggestions.map(({ from, into }) => (
        <li key={`${from} ${into}`} className="notice row" data-testid={`suggestion-${from}`}>
          <span>{label(from)} may be {label(into)}.</span>
          <button type="button" onClick={() => onChange(call('mergePeople', { videoId: view.videoId, into, from: [from] }))} data-testid={`suggestion-merge-${from}`}>
            Merge into {label(into)}
          </button>
        </li>
      ))}
    </ul>
  );
}

export function PeopleScreen({ project }: { project: ProjectView }) {
  const [people, setPeople] = useState<PeopleView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const loadPeople = useCallback(() => {
    call('getPeople', { videoId: project.videoId }).then(setPeople, setError);
  }, [project.videoId]);
  // the analysis runs in the service: this screen follows it and reads the people when it ends
  const job = useServiceJob(['analyzeFaces'], project.videoId, 'faces', loadPeople);
  const running = job.running;

  useEffect(loadPeople, [loadPeople]);

  const apply = useCallback((change: Promise<PeopleView>) => {
    setError(null);
    change.then(setPeople, setError);
  }, []);
  const canUndo = (people?.history.undo ?? 0) > 0;
  const canRedo = (people?.history.redo ?? 0) > 0;
  const undo = useCallback((redo: boolean) => {
    if (redo ? canRedo : canUndo) apply(call('undoPeopleEdit', { videoId: project.videoId, redo }));
  }, [apply, canRedo, canUndo, project.videoId]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // Ctrl/⌘+Z undoes a rename / hide / merge, Ctrl/⌘+Shift+Z (or Ctrl+Y) redoes it
      if (isTyping(event.target) || !(event.ctrlKey || event.metaKey) || event.altKey || !['z', 'y'].includes(event.key.toLowerCase())) return;
      event.preventDefault();
      undo(event.key.toLowerCase() === 'y' || event.shiftKey);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo]);
  const analyze = async () => {
    setError(null);
    await job.start((id) => call('analyzeFaces', { videoId: project.videoId }, { jobId: id }));
  };

  return (
    <section className="screen" data-testid="screen-people">
      <header className="screen-head row">
        <div>
          <h1>People</h1>
          <p className="muted">Everyone found on screen in the video. Name them once; hide the ones you never want a clip of; merge two that are the same person.</p>
        </div>
        <div className="row">
          <button type="button" className="primary" onClick={() => void analyze()} disabled={running || !project.video} data-testid="analyze-faces">
            {people?.analyzed ? 'Analyse again' : 'Find people'}
          </button>
          {running ? <button type="button" onClick={job.cancel} data-testid="faces-cancel">Cancel</button> : null}
          <button type="button" onClick={() => undo(false)} disabled={!canUndo} title="Undo the last rename, hide or merge (Ctrl+Z)" data-testid="people-undo">Undo</button>
          <button type="button" onClick={() => undo(true)} disabled={!canRedo} title="Redo (Ctrl+Shift+Z)" data-testid="people-redo">Redo</button>
        </div>
      </header>
      <div className="slot">
        {running ? <ProgressBar fraction={job.progress?.fraction ?? 0} label={job.progress?.message ?? 'Finding faces'} testId="faces-progress" /> : null}
        <ErrorNotice error={error ?? job.error} onDismiss={() => (error ? setError(null) : job.dismissError())} />
        {!project.video ? <div className="notice">Attach the video file on the Video screen first: faces are found in the picture.</div> : null}
      </div>
      {people && people.analyzed && people.people.length === 0 ? <p className="muted">Nobody was found on screen in the moments.</p> : null}
      {people && !people.analyzed ? <p className="muted">Not analysed yet.</p> : null}
      {people?.analyzed ? <MergeSuggestions view={people} onChange={apply} /> : null}
      <ul className="people" data-testid="people-list">
        {(people?.people ?? []).map((person) => (
          <PersonCard key={person.id} videoId={project.videoId} person={person} others={(people?.people ?? []).filter((p) => p.id !== person.id)} onChange={apply} />
        ))}
      </ul>
    </section>
  );
}
