import type { KirinukiApi } from '../../core/app/contract';

declare global {
  interface Window {
    /** Installed by the Electron preload, or by the browser host under `kirinuki serve`. */
    kirinuki: KirinukiApi;
  }
  // core/errors.ts mentions this Node type in a function the renderer never calls; declaring its
  // shape here keeps the renderer checked as browser code, without Node's types.
  namespace NodeJS {
    interface ErrnoException extends Error {
      code?: string;
    }
  }
}

export {};
