// Vitest setup shared by every package: turns on the runtime's debug log for the
// whole suite (ASSETKIT_DEBUG=1), captures everything written to the console,
// stdout and stderr, and fails the test file if any credential used in the suite
// shows up there. Debug lines are scanned, then kept out of the test output.
import { inspect } from 'node:util';
import { afterAll } from 'vitest';

// Every credential the suite's tests and mocks use (mock defaults included).
const SECRETS = [
  'mock-twelvelabs-key', 'mock-rendernet-key', 'mock-tenovos-key', 'mock-password',
  'sk-test-runtime-0123456789', 'env-key-abcdef', 'tv-api-key-5551', 'hunter2-password', 'wrong-password-123',
  'tl-key-123', 'rn-key-456', 'tv-key-789', 'pw-secret', 'prop-key-1234', 'k-docs-example', 'wrong-key-000111',
  'not-the-key', 's3cret', 'secret-pass-2a9b3f6e', 'tl-WRONG-key-0000',
];
// Session tokens are issued at run time: anything JWT-shaped is one.
const TOKEN = /eyJ[\w-]{6,}\.[\w-]{6,}/;

process.env.ASSETKIT_DEBUG ??= '1';

const captured = [];
const isDebug = (text) => text.startsWith('[assetkit]');

for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace']) {
  const original = console[method].bind(console);
  console[method] = (...args) => {
    const text = args.map((a) => (typeof a === 'string' ? a : inspect(a, { depth: 8 }))).join(' ');
    captured.push(text);
    if (!isDebug(text)) original(...args);
  };
}
for (const stream of [process.stdout, process.stderr]) {
  const original = stream.write.bind(stream);
  stream.write = (chunk, ...rest) => {
    captured.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return original(chunk, ...rest);
  };
}

afterAll(() => {
  const leaks = [];
  for (const text of captured) {
    for (const secret of SECRETS) if (text.includes(secret)) leaks.push(`"${secret}" in: ${text.slice(0, 200)}`);
    const token = TOKEN.exec(text);
    if (token) leaks.push(`a session token in: ${text.slice(0, 200)}`);
  }
  captured.length = 0;
  if (leaks.length > 0) throw new Error(`Credentials in captured output:\n${leaks.join('\n')}`);
});
