import { useId, useState } from 'react';
import type { ExportOutputView, PublishedView, PublishPlanView } from '../../../core/app/views';
import { call, newJobId } from '../api/call';
import { errorText } from '../api/error-text';
import { useJobs } from '../hooks/useJobs';
import { formatLocalTime, localInputToIso, localInputValue } from '../local-time';
import { ErrorNotice } from './ErrorNotice';
import { ProgressBar } from './ProgressBar';

type Privacy = PublishedView['privacy'];
/** `1 600`, with a space that never breaks the number over two lines. */
const units = (n: number): string => n.toLocaleString('en-US').replace(/,/g, '\u00a0');

function PublishedLink({ published }: { published: PublishedView }) {
  const when = published.publishAt ? `, public at ${formatLocalTime(published.publishAt)}` : '';
  return (
    <div className="notice notice-ok small" data-testid="output-published">
      <span>
        {published.alreadyPublished ? 'Already on YouTube' : 'Published'} ({published.privacy}{when}):{' '}
        <a href={published.url} target="_blank" rel="noreferrer" className="selectable">{published.url}</a>
      </span>
    </div>
  );
}

/** YouTube's own question, asked with no answer chosen: the law makes the uploader say it. */
function AudienceChoice({ madeForKids, onChange, disabled }: { madeForKids: boolean | null; onChange: (kids: boolean) => void; disabled: boolean }) {
  const group = useId();
  return (
    <fieldset className="publish-audience" disabled={disabled} data-testid="publish-audience">
      <legend>Audience: is it made for kids? (required)</legend>
      <label className="check">
        <input type="radio" name={group} checked={madeForKids === true} onChange={() => onChange(true)} data-testid="publish-kids-yes" />
        Yes, it&apos;s made for kids
      </label>
      <label className="check">
        <input type="radio" name={group} checked={madeForKids === false} onChange={() => onChange(false)} data-testid="publish-kids-no" />
        No, it&apos;s not made for kids
      </label>
    </fieldset>
  );
}

/** When YouTube makes the clip public: now (empty) or a time on the user's clock, private until then. */
function ScheduleField({ value, onChange, disabled, refused }: { value: string; onChange: (value: string) => void; disabled: boolean; refused: boolean }) {
  const at = localInputToIso(value);
  return (
    <div className="publish-schedule">
      <div className="row">
        <label>
          Schedule (optional, your local time)
          <input type="datetime-local" value={value} min={localInputValue(new Date())} onChange={(e) => onChange(e.target.value)} disabled={disabled} aria-invalid={refused} data-testid="publish-at" />
        </label>
        {value ? <button type="button" className="ghost" onClick={() => onChange('')} disabled={disabled} data-testid="publish-at-clear">Clear</button> : null}
      </div>
      <span data-testid="publish-when">
        {at ? `Private until ${formatLocalTime(at)}; then YouTube makes it public.` : 'No time set: it goes up as soon as it is uploaded.'}
      </span>
    </div>
  );
}

/**
 * Publish… on a clip: a confirm that asks YouTube's audience question (no answer preselected, as in
 * YouTube Studio), offers a time to go public (private until then, as the Data API requires for
 * `status.publishAt`), says what it costs (1 600 of the day's 10 000 quota units, nothing for a
 * resumed upload) and whether a browser sign-in comes first; then the upload as a job of the
 * service with its progress. A clip already on YouTube only shows its link.
 */
export function PublishClip({ output }: { output: ExportOutputView }) {
  const { jobs } = useJobs();
  const [plan, setPlan] = useState<PublishPlanView | null>(null);
  const [privacy, setPrivacy] = useState<Privacy>('private');
  const [madeForKids, setMadeForKids] = useState<boolean | null>(null);
  const [schedule, setSchedule] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);
  const [published, setPublished] = useState<PublishedView | null>(output.published);
  const [error, setError] = useState<unknown>(null);
  const job = jobId ? jobs.find((j) => j.jobId === jobId && j.state === 'running') : undefined;
  const at = localInputToIso(schedule);
  const busy = jobId !== null;

  const open = () => {
    setError(null);
    call('planPublish', { file: output.file }).then((p) => (p.published ? setPublished(p.published) : setPlan(p)), setError);
  };
  const publish = () => {
    if (madeForKids === null) return;
    const id = newJobId('publish');
    setJobId(id);
    setError(null);
    // a scheduled video must be private until its time (status.publishAt)
    const args = at ? { file: output.file, privacy: 'private' as const, at, madeForKids } : { file: output.file, privacy, madeForKids };
    call('publishClip', args, { jobId: id })
      .then((view) => {
        setPublished(view);
        setPlan(null);
      }, setError)
      .finally(() => setJobId(null));
  };

  if (published) return <PublishedLink published={published} />;
  return (
    <>
      {!plan ? (
        <button type="button" className="ghost" onClick={open} data-testid="output-publish">Publish…</button>
      ) : (
        <div className="confirm-publish small" role="alertdialog" aria-label={`Publish ${output.name}`} data-testid="publish-confirm">
          <span>
            Upload “{plan.title}” to YouTube as{' '}
            <select value={at ? 'private' : privacy} onChange={(e) => setPrivacy(e.target.value as Privacy)} disabled={busy || at !== null} aria-label="Privacy" title={at ? 'A scheduled clip stays private until its time' : undefined} data-testid="publish-privacy">
              <option value="private">private</option>
              <option value="unlisted">unlisted</option>
              <option value="public">public</option>
            </select>
            .
          </span>
          <AudienceChoice madeForKids={madeForKids} onChange={setMadeForKids} disabled={busy} />
          <ScheduleField
            value={schedule}
            onChange={(value) => {
              setSchedule(value);
              setError(null);
            }}
            disabled={busy} refused={at !== null && errorText(error).code === 'INVALID_ARGUMENT'} />
          <span>
            <span data-testid="publish-quota">
              {plan.resuming ? 'It resumes the interrupted upload (no further quota).' : `It uses ${units(plan.quotaUnits)} of the ${units(plan.dailyQuota)} quota units of a day.`}
            </span>
            {plan.signedIn ? null : ' A browser window opens first to sign in to YouTube (upload only).'}
          </span>
          <div className="row">
            <button type="button" className="primary" onClick={publish} disabled={busy || madeForKids === null} title={madeForKids === null ? 'Answer the audience question first' : undefined} data-testid="publish-confirm-button">Publish</button>
            <button type="button" className="ghost" onClick={() => setPlan(null)} disabled={busy}>Cancel</button>
            {madeForKids === null ? <span className="muted">Answer the audience question to publish.</span> : null}
          </div>
        </div>
      )}
      {job ? <ProgressBar fraction={job.progress?.fraction ?? 0} label={job.progress?.message ?? 'Uploading'} testId="publish-progress" /> : null}
      <ErrorNotice error={error} onDismiss={() => setError(null)} />
    </>
  );
}
