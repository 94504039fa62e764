/** A mistake in how the command was called: exit code 2, one-line reason plus a hint to --help. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
