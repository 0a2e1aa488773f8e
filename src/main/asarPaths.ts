/**
 * A packaged app lives in resources/app.asar, and electron-builder copies what `asarUnpack`
 * names to resources/app.asar.unpacked (electron-builder.config.mjs). The backend worker and
 * the SQLite module must be started from there: a worker thread and dlopen() need real files.
 */
import { sep } from 'node:path';

/** The same path in app.asar.unpacked when it points into an app.asar; otherwise unchanged. */
export function asarUnpackedPath(path: string): string {
  const parts = path.split(sep);
  const archive = parts.indexOf('app.asar');
  if (archive === -1) return path;
  parts[archive] = 'app.asar.unpacked';
  return parts.join(sep);
}
