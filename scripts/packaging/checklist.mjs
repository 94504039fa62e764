// The PASS/FAIL checklist of the packaging tests (test:consumer, test:registry): each check runs,
// prints one line with its time, and the summary sets the exit code.

/** `label` names the test in the summary line, e.g. 'test:consumer'. */
export function createChecklist(label) {
  const results = [];
  const started = Date.now();
  /** Runs one check; resolves true when it passed (a failure is printed, not thrown). */
  async function check(name, work) {
    const begun = Date.now();
    try {
      const detail = await work();
      results.push({ name, ok: true });
      console.log(`PASS ${name} (${Date.now() - begun} ms)${detail ? `: ${detail}` : ''}`);
      return true;
    } catch (error) {
      results.push({ name, ok: false });
      console.log(`FAIL ${name} (${Date.now() - begun} ms)\n${String(error instanceof Error ? error.message : error).replace(/^/gm, '     ')}`);
      return false;
    }
  }
  /** Prints the summary; exit code 1 when a check failed or none ran. */
  function finish() {
    const failed = results.filter((r) => !r.ok).length;
    console.log(`\n${label}: ${results.length - failed}/${results.length} checks passed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    if (failed > 0 || results.length === 0) process.exitCode = 1;
  }
  return { check, finish };
}
