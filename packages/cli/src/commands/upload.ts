import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Asset, AssetClient, UploadOptions, UploadResumeState } from '@assetkit/unified';
import { Option } from 'commander';
import { PROVIDERS, type Provider } from '../choices.js';
import { defineCommand, examples } from '../command.js';
import { envValue, redact, write, type Io } from '../io.js';
import { integer, keyValue, oneOf, text, textRepeatable } from '../option-values.js';
import { addOutputOptions, formatOf } from '../output.js';
import { UsageError } from '../usage-error.js';

interface UploadFlags {
  provider: Provider;
  name?: string;
  meta?: Record<string, string>;
  wait?: boolean;
  timeout?: number;
  concurrency?: number;
  multipart?: boolean;
  resume?: string;
  stateDir?: string;
  tenovosTemplate?: string;
  tenovosSecurity?: string[];
  width?: number;
  height?: number;
  json?: boolean;
  ndjson?: boolean;
}

/** Files uploaded at the same time (each with its own bar); parts within a file follow --concurrency. */
const FILES_AT_ONCE = 3;

const isUrl = (s: string) => /^https?:\/\//i.test(s);

/** The provider options from flags, then the environment (TENOVOS_METADATA_TEMPLATE_ID, TENOVOS_SECURITY_TEMPLATE_IDS). */
function providerOptions(options: UploadFlags, env: Io['env']): Pick<UploadOptions, 'rendernet' | 'tenovos'> {
  const { provider } = options;
  const misplaced = (flag: string, p: Provider) => new UsageError(`${flag} applies to --provider ${p}, not ${provider}`);
  if (provider !== 'tenovos' && options.tenovosTemplate !== undefined) throw misplaced('--tenovos-template', 'tenovos');
  if (provider !== 'tenovos' && options.tenovosSecurity !== undefined) throw misplaced('--tenovos-security', 'tenovos');
  if (provider !== 'rendernet' && (options.width !== undefined || options.height !== undefined)) throw misplaced(options.width !== undefined ? '--width' : '--height', 'rendernet');
  if (provider === 'rendernet') {
    if ((options.width === undefined) !== (options.height === undefined)) throw new UsageError('--width and --height go together (the pixel size RenderNet asks for with video and WebP)');
    return options.width !== undefined ? { rendernet: { size: { width: options.width, height: options.height! } } } : {};
  }
  if (provider === 'tenovos') {
    const template = options.tenovosTemplate ?? envValue(env, 'TENOVOS_METADATA_TEMPLATE_ID');
    const security = options.tenovosSecurity ?? envValue(env, 'TENOVOS_SECURITY_TEMPLATE_IDS')?.split(',').map((s) => s.trim()).filter(Boolean);
    if (!template) throw new UsageError('Tenovos needs a metadata template: pass --tenovos-template <id> or set TENOVOS_METADATA_TEMPLATE_ID');
    if (!security?.length) throw new UsageError('Tenovos needs security templates: pass --tenovos-security <id> (repeatable) or set TENOVOS_SECURITY_TEMPLATE_IDS (comma-separated)');
    // An interrupted multipart upload stays open so that --resume can finish it.
    return { tenovos: { metadataTemplateId: template, securityTemplateIds: security, cancelOnFailure: false } };
  }
  return {};
}

/** The command that finishes an upload from its state file: the same provider, servers and flags that matter. */
function resumeCommand(source: string, statePath: string, options: UploadFlags, baseUrls: Partial<Record<Provider, string>>, quote: (w: string) => string): string {
  const words = ['assetkit', 'upload', source, '--provider', options.provider, '--resume', statePath];
  for (const [p, url] of Object.entries(baseUrls)) words.push('--base-url', `${p}=${url}`);
  if (options.name !== undefined) words.push('--name', options.name);
  if (options.wait) words.push('--wait');
  if (options.timeout !== undefined) words.push('--timeout', String(options.timeout));
  if (options.concurrency !== undefined) words.push('--concurrency', String(options.concurrency));
  if (options.tenovosTemplate !== undefined) words.push('--tenovos-template', options.tenovosTemplate);
  for (const id of options.tenovosSecurity ?? []) words.push('--tenovos-security', id);
  if (options.json) words.push('--json');
  if (options.ndjson) words.push('--ndjson');
  return words.map(quote).join(' ');
}

export const upload = defineCommand<UploadFlags>({
  name: 'upload',
  summary: 'Upload files (or URLs, TwelveLabs) to a provider, with a progress bar per file; Ctrl-C saves a resumable state',
  configure(cmd) {
    cmd
      .argument('<source...>', 'file paths, or http(s) URLs the provider fetches itself (TwelveLabs only)')
      .requiredOption('-p, --provider <provider>', `where to upload: ${PROVIDERS.join(', ')}`, oneOf(PROVIDERS))
      .option('--name <name>', 'the file name the provider keeps (one source only; default: the file name)', text)
      .option('--meta <key=value>', 'user metadata, a string value (repeatable; TwelveLabs, Tenovos)', keyValue)
      .option('--wait', 'wait until each asset is ready (exit 1 if processing failed)')
      .option('--timeout <seconds>', 'with --wait: give up after this many seconds', integer(0))
      .addOption(new Option('--concurrency <n>', 'parts in flight per file (multipart; default: the provider helper\'s)').argParser(integer(1)))
      .option('--multipart', 'send in parts even when small (TwelveLabs, Tenovos): resumable after Ctrl-C')
      .option('--resume <state.json>', 'finish an interrupted upload from its state file (one source: the same file)', text)
      .option('--state-dir <dir>', 'where Ctrl-C saves resume state (default $XDG_STATE_HOME/assetkit/uploads or ~/.local/state/assetkit/uploads)', text)
      .option('--tenovos-template <id>', 'Tenovos metadata template id (default $TENOVOS_METADATA_TEMPLATE_ID)', text)
      .option('--tenovos-security <id>', 'Tenovos security template id (repeatable; default $TENOVOS_SECURITY_TEMPLATE_IDS, comma-separated)', textRepeatable)
      .option('--width <px>', 'RenderNet: pixel width (video and WebP; read from PNG/GIF/JPEG headers)', integer(1))
      .option('--height <px>', 'RenderNet: pixel height', integer(1));
    addOutputOptions(cmd, { json: 'the uploaded assets as one JSON array, at the end', ndjson: 'each uploaded asset as one JSON line, as it finishes' });
    cmd.addHelpText(
      'after',
      `
On a terminal each file gets a live bar (bytes, rate, ETA) on stderr; otherwise
one line per finished file. stdout gets "uploaded <source> <ref> <state>" per file
(or JSON with --json / --ndjson).

Ctrl-C aborts every upload. Where the provider can resume (TwelveLabs and
Tenovos multipart uploads) the state is saved to a file (it holds presigned
URLs: keep it private) and the exact command to finish it is printed; elsewhere
the provider's session is cancelled. Exit code 130.
${examples(
  'assetkit upload clip.mp4 --provider twelvelabs --meta team=docs --wait',
  'assetkit upload https://cdn.example.com/promo.mp4 --provider twelvelabs',
  'assetkit upload teaser.mp4 --provider rendernet --width 1920 --height 1080',
  'assetkit upload a.jpg b.jpg --provider tenovos --tenovos-template <id> --tenovos-security <id> --ndjson',
  'assetkit upload big.mov --provider twelvelabs --resume ~/.local/state/assetkit/uploads/big.mov.twelvelabs.upload.json',
)}`,
    );
  },
  async run({ args, options, globals, io }) {
    const { clientFromEnv, requireConfigured } = await import('../client.js');
    if (options.name !== undefined && args.length > 1) throw new UsageError(`--name applies to one source; ${args.length} were given`);
    if (options.resume !== undefined && args.length > 1) throw new UsageError(`--resume finishes one upload; ${args.length} sources were given`);
    if (options.timeout !== undefined && !options.wait) throw new UsageError('--timeout applies with --wait');
    const extra = providerOptions(options, io.env);
    const client = clientFromEnv(io.env, globals.baseUrls);
    requireConfigured(client, options.provider);
    const can = client.capabilities(options.provider).upload;
    if (!can) throw new UsageError(`${options.provider} cannot upload`);
    for (const source of args) {
      if (isUrl(source) && !can.sources.includes('url')) throw new UsageError(`${source}: ${options.provider} does not import from URLs; pass a file (TwelveLabs imports URLs)`);
    }
    const { loadState, saveState, removeState, defaultStateDir, shellWord } = await import('./upload-state.js');
    const resume = options.resume === undefined ? undefined : await loadState(options.resume);
    if (resume && resume.provider !== options.provider) throw new UsageError(`--resume ${options.resume}: it is an upload to ${resume.provider}, not --provider ${options.provider}`);

    const { createFileBars } = await import('../progress/file-bars.js');
    const bars = await createFileBars(io.stderr, { tty: io.isTTY });
    const format = formatOf(options);
    const done: Asset[] = [];
    const notes: string[] = [];
    const lines: string[] = [];
    let failures = 0;

    const one = async (source: string) => {
      const label = isUrl(source) ? source : source.split(/[\\/]/).pop()!;
      // The bar's total from the file's size (a missing file fails in the upload, with the provider's message).
      const total = isUrl(source) ? undefined : await stat(source).then((st) => (st.isFile() ? st.size : undefined), () => undefined);
      const bar = bars.start(label, total);
      let latest: UploadResumeState | undefined;
      try {
        const asset = await upload1(client, source, options, extra, io, bar, resume, (s) => void (latest = s));
        bar.done(`-> ${asset.ref} (${asset.state})`);
        done.push(asset);
        if (options.resume !== undefined) await removeState(options.resume);
        if (format === 'ndjson') await write(io.stdout, `${JSON.stringify(asset)}\n`);
        // On a terminal the bars are live on stderr: the table lines wait until they are done.
        else if (format === 'table') lines.push(`uploaded ${source} ${asset.ref} ${asset.state}\n`);
      } catch (error) {
        const { classify } = await import('../errors.js');
        const interrupted = io.signal?.aborted === true;
        bar.fail(interrupted ? 'interrupted' : await redact(classify(error).message, io.env));
        // A resumable upload that stopped (Ctrl-C or a failure): its state goes to a file, with the command that finishes it.
        const state = latest ?? (resume && { kind: resume.kind, version: resume.version, provider: resume.provider, state: resume.state });
        if (state && !isUrl(source)) {
          const path = latest
            ? await saveState(options.resume !== undefined ? dirname(resolve(options.resume)) : (options.stateDir ?? defaultStateDir(io.env)), source, latest, options.resume)
            : options.resume!;
          notes.push(`resume ${source} with:\n  ${resumeCommand(source, path, options, globals.baseUrls, shellWord)}\n`);
        }
        if (!interrupted) {
          failures++;
          if (args.length === 1 && !state) throw error;
          notes.push(`error: ${source}: ${await redact(classify(error).message, io.env)}\n`);
        }
      }
    };

    try {
      const queue = [...args];
      await Promise.all(
        Array.from({ length: Math.min(FILES_AT_ONCE, queue.length) }, async () => {
          for (let next = queue.shift(); next !== undefined; next = queue.shift()) await one(next);
        }),
      );
    } finally {
      bars.stop();
    }
    for (const line of lines) await write(io.stdout, line);
    if (format === 'json') await write(io.stdout, `${JSON.stringify(done, null, 2)}\n`);
    for (const note of notes) await write(io.stderr, note);
    if (io.signal?.aborted) throw io.signal.reason;
    return failures ? 1 : 0;
  },
});

/** One source through the unified client: progress to its bar, the resume state to `onState`. */
async function upload1(
  client: AssetClient,
  source: string,
  options: UploadFlags,
  extra: Pick<UploadOptions, 'rendernet' | 'tenovos'>,
  io: Io,
  bar: { update(bytes: number): void },
  resume: UploadResumeState | undefined,
  onState: (state: UploadResumeState) => void,
): Promise<Asset> {
  const can = client.capabilities(options.provider).upload;
  const resumable = can && can.resumable;
  return client.upload({
    provider: options.provider,
    source: isUrl(source) ? { url: source } : source,
    ...(options.name !== undefined && { name: options.name }),
    ...(options.meta && Object.keys(options.meta).length > 0 && { metadata: options.meta }),
    ...(options.concurrency !== undefined && { concurrency: options.concurrency }),
    ...(options.multipart && { multipart: true }),
    ...(options.wait && { wait: options.timeout !== undefined ? { deadlineMs: options.timeout * 1000 } : true }),
    ...(io.signal && { signal: io.signal }),
    ...(resume && { resumeState: { kind: resume.kind, version: resume.version, provider: resume.provider, state: resume.state } }),
    ...(resumable && !isUrl(source) && { onStateChange: onState }),
    onProgress: (p) => bar.update(p.bytesSent),
    ...extra,
  });
}
