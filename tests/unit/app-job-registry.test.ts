import { describe, expect, it, vi } from 'vitest';
import { APP_CONTRACT, JOB_KINDS, METHOD_NAMES, type AppEvent, type AppService, type CallContext } from '../../core/app/contract.js';
import { dispatchCall } from '../../core/app/dispatch-call.js';
import { JobRegistry, KEEP_FINISHED } from '../../core/app/job-registry.js';

const EXPORT_ARGS = { videoId: 'pAnElShow01', preset: 'shorts', crop: 'center', perPerson: false, personIds: [], caption: 'none', maxLengthS: 3 };

/** A service whose long methods wait until the test lets them go (or their signal aborts). */
function fakeService() {
  const started: string[] = [];
  const gates = new Map<string, () => void>();
  const long = (name: string) => async (_args: unknown, call: CallContext) => {
    started.push(call.jobId ?? '?');
    call.onProgress({ stage: name, fraction: 0.25, message: `${name} a quarter` });
    await new Promise<void>((resolve, reject) => {
      gates.set(call.jobId ?? '?', resolve);
      call.signal.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' })), { once: true });
    });
    return { videoId: 'pAnElShow01', clips: [], folder: '/x' };
  };
  const service = { exportClips: long('exportClips'), analyzeFaces: long('analyzeFaces'), attachVideo: long('attachVideo'), downloadVideo: long('downloadVideo') } as unknown as AppService;
  return { service, started, release: (jobId: string) => gates.get(jobId)?.() };
}

describe('the job registry', () => {
  it('has a job kind for every long method and for nothing else', () => {
    const long = METHOD_NAMES.filter((name) => APP_CONTRACT[name].long).sort();
    expect([...JOB_KINDS].sort()).toEqual(long);
  });

  it('keeps each job with its kind, project, latest progress and result, and tells listeners', async () => {
    const jobs = new JobRegistry();
    const events: AppEvent[] = [];
    jobs.onEvent((event) => events.push(event));
    const { service, release } = fakeService();
    const call = dispatchCall(service, jobs, 'exportClips', EXPORT_ARGS, { jobId: 'export-1' });
    await vi.waitFor(() => expect(jobs.get('export-1')?.progress?.fraction).toBe(0.25));
    const running = jobs.list('pAnElShow01');
    expect(running).toHaveLength(1);
    expect(running[0]).toMatchObject({ jobId: 'export-1', kind: 'exportClips', videoId: 'pAnElShow01', state: 'running', result: null, error: null });
    expect(Date.parse(running[0]!.startedAt)).not.toBeNaN();
    expect(jobs.list('someOtherId')).toEqual([]);
    release('export-1');
    expect(await call).toMatchObject({ ok: true });
    const done = jobs.get('export-1');
    expect(done).toMatchObject({ state: 'done', result: { clips: [] }, error: null });
    expect(done?.endedAt).not.toBeNull();
    expect(events.map((e) => e.type)).toEqual(['job-update', 'job', 'progress', 'job-update', 'job']);
    expect(events.at(-1)).toEqual({ type: 'job', jobId: 'export-1', state: 'done' });
    expect(jobs.runningCount).toBe(0);
  });

  it('refuses a second export of a project that is exporting, naming the running job, before it starts', async () => {
    const jobs = new JobRegistry();
    const { service, started, release } = fakeService();
    const first = dispatchCall(service, jobs, 'exportClips', EXPORT_ARGS, { jobId: 'export-a' });
    await vi.waitFor(() => expect(started).toEqual(['export-a']));
    const second = await dispatchCall(service, jobs, 'exportClips', { ...EXPORT_ARGS, preset: 'tiktok' }, { jobId: 'export-b' });
    expect(second).toMatchObject({ ok: false, error: { code: 'PROJECT_BUSY' } });
    const message = second.ok ? '' : second.error.message;
    expect(message).toMatch(/^Clips of pAnElShow01 are already being exported \(job export-a, started \d\d:\d\d:\d\d\); wait for it or cancel it\.$/);
    expect(started).toEqual(['export-a']);
    expect(jobs.get('export-b')).toBeNull();
    // another kind on the same project, and the same kind on another project, run
    const faces = dispatchCall(service, jobs, 'analyzeFaces', { videoId: 'pAnElShow01' }, { jobId: 'faces-a' });
    const other = dispatchCall(service, jobs, 'exportClips', { ...EXPORT_ARGS, videoId: 'otherVideo1' }, { jobId: 'export-c' });
    await vi.waitFor(() => expect(started).toEqual(['export-a', 'faces-a', 'export-c']));
    // attaching and downloading share the project's video
    const attach = dispatchCall(service, jobs, 'attachVideo', { videoId: 'pAnElShow01', path: '/v.mp4' }, { jobId: 'attach-a' });
    await vi.waitFor(() => expect(started).toContain('attach-a'));
    expect(await dispatchCall(service, jobs, 'downloadVideo', { videoId: 'pAnElShow01' })).toMatchObject({
      ok: false,
      error: { code: 'PROJECT_BUSY', message: expect.stringContaining('The video of pAnElShow01 is already being attached (job attach-a') },
    });
    for (const id of ['export-a', 'faces-a', 'export-c', 'attach-a']) release(id);
    await Promise.all([first, faces, other, attach]);
    // once the first ended, a new export runs
    const again = dispatchCall(service, jobs, 'exportClips', EXPORT_ARGS, { jobId: 'export-d' });
    await vi.waitFor(() => expect(started).toContain('export-d'));
    release('export-d');
    expect(await again).toMatchObject({ ok: true });
  });

  it('cancels a job by id; the job stays listed as cancelled with its error', async () => {
    const jobs = new JobRegistry();
    const { service, started } = fakeService();
    const call = dispatchCall(service, jobs, 'analyzeFaces', { videoId: 'pAnElShow01' }, { jobId: 'faces-1' });
    await vi.waitFor(() => expect(started).toEqual(['faces-1']));
    expect(jobs.cancel('faces-1')).toBe(true);
    expect(await call).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(jobs.get('faces-1')).toMatchObject({ state: 'cancelled', error: { code: 'CANCELLED' } });
    expect(jobs.cancel('faces-1')).toBe(false);
  });

  it('keeps running when the caller goes away (a dropped HTTP request), and gives a job id when none was asked', async () => {
    const jobs = new JobRegistry();
    const { service, started, release } = fakeService();
    const request = new AbortController();
    const call = dispatchCall(service, jobs, 'exportClips', EXPORT_ARGS, { signal: request.signal });
    await vi.waitFor(() => expect(started).toHaveLength(1));
    request.abort();
    const [job] = jobs.list();
    expect(job?.jobId).toMatch(/^exportClips-/);
    expect(job?.state).toBe('running');
    release(job!.jobId);
    expect(await call).toMatchObject({ ok: true });
    expect(jobs.get(job!.jobId)?.state).toBe('done');
  });

  it(`remembers the last ${KEEP_FINISHED} finished jobs, newest first`, async () => {
    const jobs = new JobRegistry();
    for (let i = 0; i < KEEP_FINISHED + 5; i += 1) {
      const job = jobs.begin('analyzeFaces', { videoId: 'pAnElShow01' }, `faces-${i}`);
      job.finish({ ok: false, error: { code: 'NO_FACES', message: 'nobody' } });
    }
    const listed = jobs.list();
    expect(listed).toHaveLength(KEEP_FINISHED);
    expect(listed[0]?.jobId).toBe(`faces-${KEEP_FINISHED + 4}`);
    expect(listed.every((job) => job.state === 'failed')).toBe(true);
    expect(() => jobs.begin('analyzeFaces', {}, 'x')).not.toThrow();
    expect(() => jobs.begin('analyzeFaces', {}, 'x')).toThrow(/already running/);
  });

  it('answers listJobs and getJob through the contract', async () => {
    const jobs = new JobRegistry();
    const service = {
      listJobs: async ({ videoId }: { videoId?: string }) => jobs.list(videoId),
      getJob: async ({ jobId }: { jobId: string }) => jobs.get(jobId),
    } as unknown as AppService;
    jobs.begin('exportClips', EXPORT_ARGS, 'export-9');
    expect(await dispatchCall(service, jobs, 'listJobs', { videoId: 'pAnElShow01' })).toMatchObject({ ok: true, value: [{ jobId: 'export-9' }] });
    expect(await dispatchCall(service, jobs, 'listJobs', { videoId: '../x' })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(await dispatchCall(service, jobs, 'getJob', { jobId: 'nope' })).toEqual({ ok: true, value: null });
  });
});
