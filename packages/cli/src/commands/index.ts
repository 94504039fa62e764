// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each command has its own options type
import type { CliCommand } from '../command.js';
import { get } from './get.js';
import { list } from './list.js';
import { metaSet } from './meta-set.js';
import { metaUnset } from './meta-unset.js';
import { mock } from './mock.js';
import { progressDemo } from './progress-demo.js';
import { rm } from './rm.js';
import { wait } from './wait.js';

/**
 * Every command, in help order. A new command is one file in this folder
 * (a `defineCommand({ name, summary, configure, run })`) plus one line here;
 * `meta set` style names create the `meta` group on first use.
 */
export const COMMANDS: readonly CliCommand<any>[] = [list, get, wait, rm, metaSet, metaUnset, mock, progressDemo];
