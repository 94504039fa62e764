// Shared setup of the runtime's own tests: a made-up provider ('acme') and a loopback recording server
// per test file, so each test file does not set them up again.
import { startRecordingServer, type RecordingServer, type Responder } from '@assetkit/mock';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { AssetkitError } from './errors.js';
import type { ProviderDescriptor } from './descriptor.js';

export const acmeDescriptor: ProviderDescriptor = {
  provider: 'acme',
  displayName: 'Acme',
  servers: ['https://api.acme.example/v1'],
  apiKey: { header: 'x-api-key', env: 'ACME_API_KEY' },
};

export interface FileServerOptions {
  /** After each test: clear the request log, and (when a responder is given) answer with it again. */
  afterEach?: true | Responder;
}

/**
 * A recording server started before the file's tests and closed after them. The returned object
 * stands for it (its members read the live server), so tests can use it as a plain `RecordingServer`.
 */
export function recordingServerForFile(responder?: Responder, options: FileServerOptions = {}): RecordingServer {
  let current: RecordingServer | undefined;
  const live = (): RecordingServer => {
    if (!current) throw new Error('the recording server is only there while the tests run');
    return current;
  };
  beforeAll(async () => {
    current = await startRecordingServer(responder);
  });
  const reset = options.afterEach;
  if (reset) {
    afterEach(() => {
      live().requests.length = 0;
      if (reset !== true) live().respond(reset);
    });
  }
  afterAll(() => current?.close());
  return {
    get url() {
      return live().url;
    },
    get requests() {
      return live().requests;
    },
    respond: (next) => live().respond(next),
    close: () => live().close(),
  };
}

/** The AssetkitError a call rejects with (`onError` sees every error first); fails the test if it resolves. */
export async function failure(promise: Promise<unknown>, onError?: (error: unknown) => void): Promise<AssetkitError> {
  try {
    await promise;
  } catch (error) {
    onError?.(error);
    if (error instanceof AssetkitError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

/** A loopback URL where nothing listens any more (a server started, then closed): connections are refused. */
export async function refusingUrl(): Promise<string> {
  const dead = await startRecordingServer();
  await dead.close();
  return dead.url;
}
