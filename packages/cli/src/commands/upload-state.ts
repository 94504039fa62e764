import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { UploadResumeState } from '@assetkit/unified';
import type { Io } from '../io.js';
import { UsageError } from '../usage-error.js';

/** A saved upload: the unified resume state plus the file it was for (to say so when another is given). */
export interface StateFile extends UploadResumeState {
  file: string;
}

/** Where state files go without --state-dir: $XDG_STATE_HOME/assetkit/uploads, else ~/.local/state/assetkit/uploads. */
export function defaultStateDir(env: Io['env']): string {
  const base = env.XDG_STATE_HOME?.trim() || join(env.HOME?.trim() || homedir(), '.local', 'state');
  return join(base, 'assetkit', 'uploads');
}

/**
 * Writes the state (it holds presigned URLs: mode 0600) next to its siblings, atomically
 * (a temporary file renamed over), and resolves to its path.
 */
export async function saveState(dir: string, file: string, state: UploadResumeState, at?: string): Promise<string> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // Resumed and stopped again: the same file gets the newer state.
  const path = at ?? resolve(dir, `${basename(file).replace(/[^\w.-]+/g, '_')}.${state.provider}.upload.json`);
  const body: StateFile = { ...state, file: resolve(file) };
  await writeFile(`${path}.tmp`, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600 });
  await rename(`${path}.tmp`, path);
  return path;
}

/** Reads a state file given to --resume; anything unreadable names the flag and what it needs. */
export async function loadState(path: string): Promise<StateFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`--resume ${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let parsed: Partial<StateFile>;
  try {
    parsed = JSON.parse(text) as Partial<StateFile>;
  } catch {
    throw new UsageError(`--resume ${path}: not JSON; expected a state file written by an interrupted 'assetkit upload'`);
  }
  if (parsed?.kind !== 'assetkit-upload' || parsed.version !== 1 || typeof parsed.provider !== 'string' || typeof parsed.state !== 'object') {
    throw new UsageError(`--resume ${path}: not an upload state file written by 'assetkit upload'`);
  }
  return parsed as StateFile;
}

export const removeState = (path: string) => rm(path, { force: true });

/** Quotes one word for a POSIX shell when it needs it. */
export const shellWord = (word: string): string => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);
