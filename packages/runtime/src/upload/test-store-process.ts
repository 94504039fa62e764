import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The object store in a child process (test-store-child.mjs), with promise-returning calls. */
export async function startStoreProcess(options: Record<string, unknown> = {}) {
  const child: ChildProcess = fork(fileURLToPath(new URL('./test-store-child.mjs', import.meta.url)), {
    env: { ...process.env, OBJECT_STORE_OPTIONS: JSON.stringify(options) },
  });
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  const url = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.on('message', (m: { id?: number; value?: unknown; error?: string; ready?: string }) => {
      if (m.ready) return resolve(m.ready);
      const w = waiting.get(m.id!);
      waiting.delete(m.id!);
      if (m.error) w?.reject(new Error(m.error));
      else w?.resolve(m.value);
    });
  });
  const call = <T>(op: string, args: Record<string, unknown> = {}) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ ...args, op, id });
    });
  return {
    url,
    call,
    close: () => new Promise<void>((resolve) => (child.once('exit', () => resolve()), child.disconnect())),
  };
}
