/**
 * What went wrong, for the user: the error's own message, or for a failed database query the
 * database's reason. drizzle's "Failed query: <sql> params: <values>" hides the reason in its
 * `cause` and holds vault values in its text, which must not reach a terminal log or a page.
 */
export function errorMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.message.startsWith("Failed query:") && error.cause !== undefined) return errorMessage(error.cause);
  return error.message;
}
