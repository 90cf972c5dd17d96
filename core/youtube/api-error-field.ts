/**
 * The `error` field of a Google API error body, given parsed or as its JSON text (Google's
 * clients hand over either): an object for the Data API, a string for OAuth's token endpoint;
 * undefined when the body is not JSON or has none.
 */
export function apiErrorField(data: unknown): unknown {
  let value = data;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return undefined;
    }
  }
  return (value as { error?: unknown } | null | undefined)?.error;
}
