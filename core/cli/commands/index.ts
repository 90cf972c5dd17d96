import type { Command } from 'commander';
import { registerChannelCommand } from './channel.js';
import { registerClipsCommand } from './clips.js';
import { registerPeopleCommand } from './people.js';
import { registerPublishCommand } from './publish.js';
import { registerDemoCommand } from './demo.js';
import { registerFacesCommand } from './faces.js';
import { registerMomentsCommand } from './moments.js';
import { registerReframeCommand } from './reframe.js';
import { registerServeCommand } from './serve.js';
import { registerWorkerCommand } from './worker.js';

/** Each command lives in its own file and registers itself on the program here. */
export function registerCommands(program: Command): void {
  registerMomentsCommand(program);
  registerDemoCommand(program);
  registerClipsCommand(program);
  registerServeCommand(program);
  registerChannelCommand(program);
  registerPeopleCommand(program);
  registerFacesCommand(program);
  registerReframeCommand(program);
  registerPublishCommand(program);
  registerWorkerCommand(program);
  void program;
}
