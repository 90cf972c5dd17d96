import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { guardQuit, quitQuestion } from '../../electron/quit-guard.js';

class FakeApp extends EventEmitter {
  quits = 0;
  quit(): void {
    this.quits += 1;
    const event = { prevented: false, preventDefault() { this.prevented = true; } };
    this.emit('before-quit', event);
    if (!event.prevented) this.emit('quit');
  }
}

function setup(running: number, answer: boolean) {
  const app = new FakeApp();
  const quitted = vi.fn();
  app.on('quit', quitted);
  const confirm = vi.fn(async () => answer);
  const stop = vi.fn();
  const keep = vi.fn();
  guardQuit({ app, running: () => running, confirm, stop, keep });
  return { app, quitted, confirm, stop, keep };
}

describe('quitting the Electron app with jobs running', () => {
  it('quits at once when nothing runs', () => {
    const { app, quitted, confirm, stop } = setup(0, false);
    app.quit();
    expect(confirm).not.toHaveBeenCalled();
    expect(stop).toHaveBeenCalledOnce();
    expect(quitted).toHaveBeenCalledOnce();
  });

  it('asks first; Quit stops the jobs and quits', async () => {
    const { app, quitted, confirm, stop } = setup(2, true);
    app.quit();
    expect(confirm).toHaveBeenCalledWith(2);
    expect(quitted).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(quitted).toHaveBeenCalledOnce());
    expect(stop).toHaveBeenCalledOnce();
  });

  it('asks first; Cancel keeps the app and its jobs', async () => {
    const { app, quitted, stop, keep } = setup(1, false);
    app.quit();
    await vi.waitFor(() => expect(keep).toHaveBeenCalledOnce());
    expect(quitted).not.toHaveBeenCalled();
    expect(stop).not.toHaveBeenCalled();
  });

  it('says what is running, with Quit and Cancel', () => {
    expect(quitQuestion(1)).toMatchObject({ message: 'A job is still running. Quit Kirinuki anyway?', buttons: ['Quit', 'Cancel'] });
    expect(quitQuestion(3).message).toBe('3 jobs are still running. Quit Kirinuki anyway?');
  });

  it('is wired in main.ts with a Quit/Cancel message box', async () => {
    const main = await readFile(join(import.meta.dirname, '../../electron/main.ts'), 'utf8');
    expect(main).toContain('guardQuit({');
    expect(main).toContain('dialog.showMessageBox');
    expect(main).not.toMatch(/app\.on\('before-quit'/);
  });
});
