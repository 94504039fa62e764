// Debian's Chromium, driven by playwright-core (no browser download).
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Whether to run, skip or fail when Chromium is missing. `.ci/run` exports
 * ASSETKIT_CHROMIUM_INSTALL=ran when its install step ran, so in CI a missing
 * browser after that step is a failure, not a skip.
 * @returns {{ run: true } | { run: false, fail: boolean, reason: string }}
 */
export function chromiumAvailability() {
  if (existsSync(CHROMIUM)) return { run: true };
  const installRan = process.env.CI === 'true' && process.env.ASSETKIT_CHROMIUM_INSTALL === 'ran';
  return installRan
    ? { run: false, fail: true, reason: `${CHROMIUM} missing although .ci/run's Chromium install step ran` }
    : { run: false, fail: false, reason: `${CHROMIUM} not found; install Debian's package: apt-get install -y chromium` };
}

export function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 120_000 }) // a hang guard; a busy 2-core machine starts Chromium slowly;
}
