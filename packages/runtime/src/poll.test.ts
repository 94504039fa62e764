import { describe, expect, it } from 'vitest';
import { startRecordingServer, sendJson } from '@assetkit/mock';
import { AbortedError, AssetFailedError, TimeoutError } from './errors.js';
import { waitFor } from './poll.js';

describe('waitFor', () => {
  it('polls a loopback server until done, waiting longer between polls', async () => {
    let calls = 0;
    const server = await startRecordingServer((_req, res) => sendJson(res, 200, { status: ++calls >= 4 ? 'ready' : 'processing' }));
    try {
      const value = await waitFor(async () => (await fetch(`${server.url}/assets/a1`)).json() as Promise<{ status: string }>, {
        isDone: (v) => v.status === 'ready',
        intervalMs: 5,
        backoff: 2,
      });
      expect(value).toEqual({ status: 'ready' });
      expect(server.requests).toHaveLength(4);
    } finally {
      await server.close();
    }
  });

  it('a failed value is an error with the reason (or the Error isFailed gives)', async () => {
    const failing = waitFor(async () => ({ status: 'failed', reason: 'unsupported codec' }), {
      isDone: (v) => v.status === 'ready',
      isFailed: (v) => v.status === 'failed' && v.reason,
      what: 'asset a1',
      provider: 'twelvelabs',
    });
    await expect(failing).rejects.toThrow('asset a1 failed: unsupported codec');
    await expect(failing).rejects.toMatchObject({ code: 'failed', provider: 'twelvelabs', reason: 'unsupported codec', body: { reason: 'unsupported codec' } });
    class Custom extends Error {}
    await expect(waitFor(async () => 1, { isDone: () => false, isFailed: () => new Custom('x') })).rejects.toBeInstanceOf(Custom);
    await expect(failing).rejects.toBeInstanceOf(AssetFailedError);
  });

  it('past the deadline: TimeoutError naming how long and how many polls', async () => {
    let polls = 0;
    const error = await waitFor(async () => ++polls, { isDone: () => false, intervalMs: 1, maxIntervalMs: 5, deadline: 30, what: 'asset a1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toMatch(new RegExp(`^asset a1 was not done after \\d+\\.\\d s and ${polls} polls$`));
    // How many polls fit in 30 ms depends on the machine; the message must count them, whatever the number.
    expect(polls).toBeGreaterThanOrEqual(1);
  });

  it('an abort ends a long wait at once', async () => {
    const controller = new AbortController();
    let polls = 0;
    const pending = waitFor(
      async () => {
        if (++polls === 1) queueMicrotask(() => controller.abort());
        return 0;
      },
      { isDone: () => false, intervalMs: 3_600_000, maxIntervalMs: 3_600_000, signal: controller.signal },
    );
    await expect(pending).rejects.toBeInstanceOf(AbortedError);
    expect(polls).toBe(1);
  });
});
