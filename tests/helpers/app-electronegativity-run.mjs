// Runs electronegativity's scanner (its CLI is broken by the project's newer commander) over
// the given folders, offline: its one network call — fetching updated translations — is answered
// by a rejecting stub, so it falls back to the bundled English texts. Prints the issues as JSON.
import Module, { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const load = Module._load;
Module._load = function loadOffline(request, parent, isMain) {
  if (request === 'got') return () => Promise.reject(new Error('offline: no network in the scan'));
  return load.call(this, request, parent, isMain);
};

const run = require('@doyensec/electronegativity/dist/runner.js');
const [electronVersion, ...inputs] = process.argv.slice(2);
const silence = console.log;
const results = [];
for (const input of inputs) {
  console.log = () => undefined;
  try {
    const result = await run({ input, isRelative: false, isVerbose: false, electronVersionOverride: electronVersion, customScan: [], excludeFromScan: [], parserPlugins: [] });
    results.push({
      input,
      atomicChecks: result.atomicChecks,
      globalChecks: result.globalChecks,
      errors: result.errors.map((e) => ({ file: e.file, message: String(e.message), tolerable: Boolean(e.tolerable) })),
      issues: result.issues.map((i) => ({
        id: i.id,
        file: i.file,
        line: i.location?.line ?? 0,
        severity: i.severity?.name ?? String(i.severity),
        confidence: i.confidence?.name ?? String(i.confidence),
        manualReview: Boolean(i.manualReview),
        description: i.description,
      })),
    });
  } finally {
    console.log = silence;
  }
}
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
