/**
 * Small helpers for tests that drive the mocks through a client (`@assetkit/mock/testing`):
 * shared by the provider packages' test suites so each does not write them again.
 * No test framework here: they work under any runner.
 */

/** One request a client sent and the answer it got, bodies as text. */
export interface Exchange {
  method: string;
  url: URL;
  requestBody: string | undefined;
  status: number;
  responseBody: string;
}

/**
 * A `fetch` that passes every request to the real `fetch` (loopback: the mock) and keeps the
 * exchange in `traffic`, so a test can check each request and answer against the spec afterwards.
 */
export function recordTraffic(): { fetch: typeof fetch; traffic: Exchange[] } {
  const traffic: Exchange[] = [];
  const recordingFetch: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const requestBody = request.body ? await request.clone().text() : undefined;
    const response = await fetch(request);
    traffic.push({ method: request.method, url: new URL(request.url), requestBody, status: response.status, responseBody: await response.clone().text() });
    return response;
  };
  return { fetch: recordingFetch, traffic };
}

/** `bytes` as a stream of `chunk`-byte pieces (the last one shorter), for stream-source uploads. */
export function streamOf(bytes: Uint8Array, chunk: number): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(c) {
      for (let i = 0; i < bytes.length; i += chunk) c.enqueue(bytes.slice(i, i + chunk));
      c.close();
    },
  });
}

/** Resolves once `check()` is true, looking every few milliseconds (no deadline: the test runner's timeout ends a hang). */
export async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 5));
}

/** What `check` throws, or `undefined` when it returns: lets a property test branch on refused vs accepted. */
export function attempt(check: () => void): unknown {
  try {
    check();
    return undefined;
  } catch (error) {
    return error;
  }
}
