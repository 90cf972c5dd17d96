import { join } from 'node:path';
import { describe } from 'vitest';
import { createApp } from '../../core/app/app-service.js';
import { startHttpHost } from '../../core/serve/http-host.js';
import { httpKirinukiApi } from '../helpers/app-http-client.js';
import { describeAppContract } from '../helpers/app-contract-suite.js';

describe('HTTP host', () => {
  describeAppContract('HTTP (kirinuki serve)', async ({ configDir, root, apiRoot, chooseVideoFile }) => {
    const app = createApp({ configDir, host: { kind: 'browser', chooseVideoFile }, defaultOutputDir: root, apiRoot, env: {} });
    const host = await startHttpHost({ app, rendererDir: join(import.meta.dirname, '../../dist/renderer') });
    const api = httpKirinukiApi(`http://127.0.0.1:${host.port}/`, host.token);
    return {
      api,
      close: async () => {
        api.close();
        await host.close();
      },
    };
  });
});
