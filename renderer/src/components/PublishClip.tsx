import { useState } from 'react';
import type { ExportOutputView, PublishedView, PublishPlanView } from '../../../core/app/views';
import { call, newJobId } from '../api/call';
import { useJobs } from '../hooks/useJobs';
import { ErrorNotice } from './ErrorNotice';
import { ProgressBar } from './ProgressBar';

type Privacy = PublishedView['privacy'];
/** `1 600`, with a space that never breaks the number over two lines. */
const units = (n: number): string => n.toLocaleString('en-US').replace(/,/g, '\u00a0');

function PublishedLink({ published }: { published: PublishedView }) {
  const when = published.publishAt ? `, public at ${new Date(published.publishAt).toLocaleString()}` : '';
  return (
    <div className="notice notice-ok small" data-testid="output-published">
      <span>
        {published.alreadyPublished ? 'Already on YouTube' : 'Published'} ({published.privacy}{when}):{' '}
        <a href={published.url} target="_blank" rel="noreferrer" className="selectable">{published.url}</a>
      </span>
    </div>
  );
}

/**
 * Publish… on a clip: a confirm that says what it costs (1 600 of the day's 10 000 quota units,
 * nothing for a resumed upload) and whether a browser sign-in comes first, then the upload as a job
 * of the service with its progress. A clip already on YouTube only shows its link.
 */
export function PublishClip({ output }: { output: ExportOutputView }) {
  const { jobs } = useJobs();
  const [plan, setPlan] = useState<PublishPlanView | null>(null);
  const [privacy, setPrivacy] = useState<Privacy>('private');
  const [jobId, setJobId] = useState<string | null>(null);
  const [published, setPublished] = useState<PublishedView | null>(output.published);
  const [error, setError] = useState<unknown>(null);
  const job = jobId ? jobs.find((j) => j.jobId === jobId && j.state === 'running') : undefined;

  const open = () => {
    setError(null);
    call('planPublish', { file: output.file }).then((p) => (p.published ? setPublished(p.published) : setPlan(p)), setError);
  };
  const publish = () => {
    const id = newJobId('publish');
    setJobId(id);
    setError(null);
    call('publishClip', { file: output.file, privacy, madeForKids: false }, { jobId: id })
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
        <div className="row confirm-publish small" role="alertdialog" aria-label={`Publish ${output.name}`} data-testid="publish-confirm">
          <span>
            Upload “{plan.title}” to YouTube as{' '}
            <select value={privacy} onChange={(e) => setPrivacy(e.target.value as Privacy)} disabled={jobId !== null} aria-label="Privacy" data-testid="publish-privacy">
              <option value="private">private</option>
              <option value="unlisted">unlisted</option>
              <option value="public">public</option>
            </select>
            , not made for kids.{' '}
            <span data-testid="publish-quota">
              {plan.resuming ? 'It resumes the interrupted upload (no further quota).' : `It uses ${units(plan.quotaUnits)} of the ${units(plan.dailyQuota)} quota units of a day.`}
            </span>
            {plan.signedIn ? null : ' A browser window opens first to sign in to YouTube (upload only).'}
          </span>
          <button type="button" className="primary" onClick={publish} disabled={jobId !== null} data-testid="publish-confirm-button">Publish</button>
          <button type="button" className="ghost" onClick={() => setPlan(null)} disabled={jobId !== null}>Cancel</button>
        </div>
      )}
      {job ? <ProgressBar fraction={job.progress?.fraction ?? 0} label={job.progress?.message ?? 'Uploading'} testId="publish-progress" /> : null}
      <ErrorNotice error={error} onDismiss={() => setError(null)} />
    </>
  );
}
