import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobView } from '../../core/app/contract';
import type { ProjectView, SettingsView } from '../../core/app/views';
import { call } from './api/call';
import { JobTray } from './components/JobTray';
import { useDocumentTitle } from './hooks/useDocumentTitle';
import { useRememberedView } from './hooks/useRememberedView';
import { jobScreen } from './jobs/job-label';
import { ChannelScreen } from './screens/ChannelScreen';
import { ExportScreen } from './screens/ExportScreen';
import { PeopleScreen } from './screens/PeopleScreen';
import { SettingsScreen } from './screens/SettingsScreen';
import { StartScreen } from './screens/StartScreen';
import { VideoScreen } from './screens/VideoScreen';

export type Screen = 'start' | 'video' | 'people' | 'export' | 'channel' | 'settings';

const NAV: { id: Screen; label: string; needsProject: boolean }[] = [
  { id: 'start', label: 'Start', needsProject: false },
  { id: 'video', label: 'Video', needsProject: true },
  { id: 'people', label: 'People', needsProject: true },
  { id: 'export', label: 'Export', needsProject: true },
  { id: 'channel', label: 'Channel', needsProject: false },
  { id: 'settings', label: 'Settings', needsProject: false },
];

export function App() {
  const [screen, setScreen] = useState<Screen>('start');
  const [project, setProject] = useState<ProjectView | null>(null);
  const [settings, setSettings] = useState<SettingsView | null>(null);
  const [channel, setChannel] = useState<string>('');
  useDocumentTitle(project);

  const reloadSettings = useCallback(() => {
    call('getSettings', {}).then(setSettings, () => setSettings(null));
  }, []);
  useEffect(reloadSettings, [reloadSettings]);

  const openProject = (view: ProjectView) => {
    setProject(view);
    setScreen('video');
  };
  const openChannel = (input: string) => {
    setChannel(input);
    setScreen('channel');
  };
  const openVideoId = async (videoId: string) => openProject(await call('openProject', { videoId }));
  const openJob = async (job: JobView) => {
    if (job.videoId && job.videoId !== project?.videoId) setProject(await call('openProject', { videoId: job.videoId }));
    setScreen(jobScreen(job.kind));
  };
  // browser Back / Forward inside the app: each screen change is a history entry, popstate switches back
  const hasProject = useRef(false);
  hasProject.current = project !== null;
  const historyStarted = useRef(false);
  useEffect(() => {
    const current = (window.history.state as { screen?: unknown } | null)?.screen;
    const first = !historyStarted.current;
    historyStarted.current = true;
    if (current === screen) return;
    // the first screen (also after a reload) takes the page's own entry; every later change adds one
    if (first) window.history.replaceState({ ...(window.history.state ?? {}), screen }, '');
    else window.history.pushState({ screen }, '');
  }, [screen]);
  useEffect(() => {
    const onPop = (event: PopStateEvent) => {
      const saved = (event.state as { screen?: unknown } | null)?.screen;
      const item = NAV.find((nav) => nav.id === saved);
      if (item && (!item.needsProject || hasProject.current)) setScreen(item.id);
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  useRememberedView(screen, project?.videoId ?? null, (saved, view) => {
    const item = NAV.find((nav) => nav.id === saved);
    if (!item || (item.needsProject && !view)) return;
    setProject(view);
    setScreen(saved);
  });

  return (
    <div className="app">
      <nav className="sidebar" aria-label="Screens">
        <div className="brand">
          <svg className="brand-mark" viewBox="0 0 24 24" aria-hidden="true">
            <circle cx="6" cy="6" r="3" />
            <circle cx="6" cy="18" r="3" />
            <path d="M20 4 8.1 15.9M14.5 14.5 20 20M8.1 8.1 12 12" />
          </svg>
          <span>Kirinuki</span>
        </div>
        {NAV.map((item) => (
          <button
            key={item.id}
            type="button"
            className={`nav-item${screen === item.id ? ' active' : ''}`}
            disabled={item.needsProject && !project}
            onClick={() => setScreen(item.id)}
            data-testid={`nav-${item.id}`}
          >
            {item.label}
          </button>
        ))}
        <div className="sidebar-foot">
          <JobTray onOpen={(job) => void openJob(job).catch(() => undefined)} />
          {project ? <span className="muted small" title={project.title}>{project.title}</span> : null}
        </div>
      </nav>
      <main className="content">
        {screen === 'start' ? (
          <StartScreen settings={settings} onProject={openProject} onChannel={openChannel} onSettings={() => setScreen('settings')} />
        ) : null}
        {screen === 'video' && project ? <VideoScreen project={project} onChange={setProject} /> : null}
        {screen === 'people' && project ? <PeopleScreen project={project} /> : null}
        {screen === 'export' && project ? <ExportScreen project={project} defaultPreset={settings?.defaultPreset ?? 'shorts'} /> : null}
        {screen === 'channel' ? <ChannelScreen initial={channel} onOpenVideo={openVideoId} /> : null}
        {screen === 'settings' ? <SettingsScreen onSaved={setSettings} /> : null}
      </main>
    </div>
  );
}
