/** The parts of Electron's `app` the guard uses (a fake stands in for it in tests). */
export interface QuitAppLike {
  on(event: 'before-quit', listener: (event: { preventDefault: () => void }) => void): unknown;
  quit(): void;
}

export interface QuitGuardOptions {
  app: QuitAppLike;
  /** How many jobs of the app service are running now. */
  running: () => number;
  /** Asks the user; resolves true to quit anyway (dialog.showMessageBox with Quit / Cancel). */
  confirm: (running: number) => Promise<boolean>;
  /** Stops everything once quitting is decided (cancel the jobs, kill ffmpeg). */
  stop: () => void;
  /** After "Cancel": keep the app usable (reopen a window if the quit came from closing the last). */
  keep?: () => void;
}

/**
 * Quitting with jobs running asks first: the quit is held back, the user is asked, and only a
 * "Quit" cancels the jobs and quits for real. With nothing running it quits at once.
 */
export function guardQuit(options: QuitGuardOptions): void {
  let decided = false;
  let asking = false;
  options.app.on('before-quit', (event) => {
    const running = options.running();
    if (decided || running === 0) {
      options.stop();
      return;
    }
    event.preventDefault();
    if (asking) return;
    asking = true;
    void options.confirm(running).then(
      (quit) => {
        asking = false;
        if (!quit) return options.keep?.();
        decided = true;
        options.app.quit();
      },
      () => {
        asking = false;
      },
    );
  });
}

/** The question, in words: what is running and what quitting does to it. */
export function quitQuestion(running: number): { message: string; detail: string; buttons: string[] } {
  const jobs = running === 1 ? 'A job is' : `${running} jobs are`;
  return {
    message: `${jobs} still running. Quit Kirinuki anyway?`,
    detail: 'Quitting stops them (exports, downloads, people analysis, channel runs); what they finished is kept.',
    buttons: ['Quit', 'Cancel'],
  };
}
