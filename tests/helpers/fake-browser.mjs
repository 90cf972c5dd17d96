#!/usr/bin/env node
// A stand-in for the system browser (KIRINUKI_BROWSER) in the sign-in tests: it opens the consent
// URL it is given on the fake OAuth server, which "approves" at once, and follows the redirect back
// to the app's loopback address, as a browser would after the user clicks Allow.
const url = process.argv[2];
if (!url) {
  process.stderr.write('fake-browser: no URL\n');
  process.exit(2);
}
const consent = await fetch(url, { redirect: 'manual' });
const back = consent.headers.get('location');
if (consent.status !== 302 || !back) {
  process.stderr.write(`fake-browser: the consent page answered ${consent.status}\n`);
  process.exit(1);
}
await (await fetch(back)).text();
