/**
 * `attachment` with the file's own name: an ASCII fallback (`filename=`, quotes and backslashes
 * and anything outside printable ASCII replaced) and the exact name in UTF-8 (`filename*=`, RFC 6266).
 */
export function attachmentHeader(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_').trim() || 'download';
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
