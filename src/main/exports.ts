/**
 * Exports, main's half. The window asks for a view (or the client report) but never names a
 * file: main shows the save dialog with a suggested name, hands the path the user chose to the
 * backend worker, and remembers it under a fresh export ID. Only those IDs can be cancelled or
 * shown in the file manager, so a compromised renderer can neither write nor reveal any other
 * path. The worker reports progress; main sends each export's last event (done, failed or
 * cancelled) once it has recorded the outcome.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, extname, isAbsolute, join } from 'node:path';
import type { MethodOutput, MethodParsedInput } from '../shared/contract';
import { AppError, type AppErrorShape } from '../shared/errors';
import type { ExportFormat, ExportPhase } from '../shared/schemas/export';
import { type Result, unwrap } from '../shared/result';
import type {
  ExportProgressEvent,
  ExportResult,
  ExportStarted,
  ExportViewName,
} from '../shared/schemas/export';
import type { BackendAccess } from './backendAccess';

/** The part of Electron's `dialog.showSaveDialog` used here; tests and the e2e harness fake it. */
export interface SaveDialogRequest {
  title: string;
  defaultPath: string;
  buttonLabel: string;
  filters: { name: string; extensions: string[] }[];
}
export type ShowSaveDialog = (
  request: SaveDialogRequest,
) => Promise<{ canceled: boolean; filePath?: string }>;

export interface ExportDeps {
  backend: BackendAccess;
  showSaveDialog: ShowSaveDialog;
  /** Electron's `shell.showItemInFolder`. */
  showItemInFolder(path: string): void;
  /** Electron's `shell.openPath`: opens the file in its default program; an error message, or ''. */
  openPath(path: string): Promise<string>;
  /** Where the first save dialog of the session opens (the user's documents folder). */
  defaultFolder(): string;
  /** Sends an export's last event to the window (validated against the contract by the caller). */
  sendProgress(event: ExportProgressEvent): void;
  log: { error(message: string, error?: unknown): void };
  now?: () => Date;
}

export type ExportMethodName =
  'exportView' | 'exportReport' | 'exportClientReport' | 'cancelExport' | 'showExportInFolder' | 'openExport';
export type ExportHandlers = {
  [M in ExportMethodName]: (input: MethodParsedInput<M>) => Promise<MethodOutput<M>>;
};

interface KnownExport {
  path: string;
  state: ExportPhase;
  /** Cancels the worker's request that writes the file. */
  cancel: AbortController;
}

const viewNames: Record<ExportViewName, string> = {
  clicks: 'Clicks',
  links: 'Links',
  profiles: 'Profiles',
  profileClicks: 'Profile',
};

const formats: Record<
  ExportFormat | 'pdf',
  { extension: string; filter: { name: string; extensions: string[] } }
> = {
  csv: { extension: 'csv', filter: { name: 'CSV (comma or semicolon separated)', extensions: ['csv'] } },
  xlsx: { extension: 'xlsx', filter: { name: 'Excel workbook', extensions: ['xlsx'] } },
  pdf: { extension: 'pdf', filter: { name: 'PDF document', extensions: ['pdf'] } },
};

/** The characters no file system takes (or Windows refuses) replaced; spaces made single. */
function withoutForbiddenCharacters(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\p{Cc}/gu, ' ')
    .replace(/"/g, "'")
    .replace(/[?*<>]/g, '')
    .replace(/\s*[/\\:|]+\s*/g, ' - ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Names Windows keeps for devices, whatever the extension. */
const reservedNames = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/**
 * A file name every file system takes: no path separators, no characters Windows refuses, no
 * control characters, no leading or trailing dots or spaces, not a device name, not too long.
 */
export function safeFileName(base: string, extension: string): string {
  let name = withoutForbiddenCharacters(base).replace(/^[.\s-]+|[.\s]+$/g, '');
  // 255 bytes is the usual limit; leave room for the extension and the temporary file's suffix.
  const characters = Array.from(name);
  while (Buffer.byteLength(characters.join(''), 'utf8') > nameBudget) characters.pop();
  name = characters.join('').trimEnd();
  if (name === '' || reservedNames.test(name)) name = `Export${name ? ` ${name}` : ''}`;
  return `${name}.${extension}`;
}

/** The bytes a suggested name may take before its extension (safeFileName's limit). */
const nameBudget = 180;

/**
 * The suggested name of an export: its parts (client, subject, view, …) and the day, joined by
 * dashes. When it is too long, the part at `shorten` (the subject) gives way, ending in "…", so
 * the view and the date are always there: a Clicks and a Profiles export of one emailing with a
 * 200-character subject still get names of their own.
 */
export function suggestedFileName(parts: string[], shorten: number, day: string, extension: string): string {
  const cleaned = [...parts, day].map(withoutForbiddenCharacters);
  const joined = () => cleaned.join(' – ');
  let flexible = Array.from(cleaned[shorten] ?? '');
  while (Buffer.byteLength(joined(), 'utf8') > nameBudget && flexible.length > 1) {
    flexible = flexible.slice(0, -1);
    cleaned[shorten] = `${flexible.join('').trimEnd()}…`;
  }
  return safeFileName(joined(), extension);
}

/** `2026-11-28` in the computer's own zone: the day the user made the file. */
function localDate(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function createExportHandlers(deps: ExportDeps): ExportHandlers {
  const known = new Map<string, KnownExport>();
  const now = deps.now ?? (() => new Date());
  let lastFolder: string | null = null;

  async function emailingName(emailingKey: number): Promise<{ client: string; subject: string }> {
    const emailing = unwrap(await deps.backend.internal('getCachedEmailing', { emailingKey }));
    if (!emailing)
      throw new AppError('not_cached', 'The clicks of this emailing are not in the cache; refresh it first.');
    return {
      client: emailing.accountLabel,
      subject: emailing.subject?.trim() || `Emailing ${emailing.emailingId}`,
    };
  }

  /** The path the user chose, with the format's extension; null when they closed the dialog. */
  /** `parts[1]`, the subject where there is one, is what gets shortened when the name is too long. */
  async function askForPath(
    title: string,
    parts: string[],
    format: keyof typeof formats,
  ): Promise<string | null> {
    const { extension, filter } = formats[format];
    const fileName = suggestedFileName(parts, Math.min(1, parts.length - 1), localDate(now()), extension);
    const answer = await deps.showSaveDialog({
      title,
      defaultPath: join(lastFolder ?? deps.defaultFolder(), fileName),
      buttonLabel: 'Export',
      filters: [filter],
    });
    if (answer.canceled || !answer.filePath) return null;
    if (!isAbsolute(answer.filePath))
      throw new AppError('invalid_input', 'Choose a folder on this computer to save the export in.');
    const path =
      extname(answer.filePath).toLowerCase() === `.${extension}`
        ? answer.filePath
        : `${answer.filePath}.${extension}`;
    lastFolder = dirname(path);
    return path;
  }

  function start(
    path: string,
    run: (exportId: string, signal: AbortSignal) => Promise<Result<ExportResult>>,
  ): ExportStarted {
    const exportId = randomUUID();
    const entry: KnownExport = { path, state: 'writing', cancel: new AbortController() };
    known.set(exportId, entry);
    void run(exportId, entry.cancel.signal)
      .catch((error: unknown): Result<ExportResult> => {
        deps.log.error('An export did not answer', error);
        return {
          ok: false,
          error: {
            code: 'internal',
            message: 'The export stopped unexpectedly. The details are in the log.',
          },
        };
      })
      .then((result) => {
        const error: AppErrorShape | null = result.ok ? null : result.error;
        entry.state = result.ok ? 'done' : error?.code === 'cancelled' ? 'cancelled' : 'failed';
        if (entry.state === 'failed') deps.log.error(`Export ${exportId} failed: ${error?.message}`);
        deps.sendProgress({
          exportId,
          phase: entry.state,
          rows: result.ok ? result.value.rows : 0,
          total: result.ok ? result.value.rows : null,
          path,
          error: entry.state === 'failed' ? error : null,
          // The file was written, but from a sync that did not finish: the banner says so.
          ...(result.ok && result.value.warning ? { warning: result.value.warning } : {}),
        });
      });
    return { status: 'started', exportId, path };
  }

  /** The path of a finished export of this session that is still where it was written. */
  function finishedFile(exportId: string): string {
    const entry = knownExport(exportId);
    if (entry.state !== 'done')
      throw new AppError('invalid_input', 'That export did not finish, so there is no file to show.');
    if (!existsSync(entry.path))
      throw new AppError('not_found', `${entry.path} is no longer there; it was moved or deleted.`);
    return entry.path;
  }

  function knownExport(exportId: string): KnownExport {
    const entry = known.get(exportId);
    if (!entry) throw new AppError('not_found', 'Copernica Clicks did not export that file in this session.');
    return entry;
  }

  return {
    exportView: async (input) => {
      const { client, subject } = await emailingName(input.emailingKey);
      const parts =
        input.view === 'profileClicks'
          ? [client, `Profile ${input.profileId}`]
          : [client, subject, viewNames[input.view]];
      const path = await askForPath(`Export ${viewNames[input.view].toLowerCase()}`, parts, input.format);
      if (!path) return { status: 'cancelled' };
      return start(path, (exportId, signal) =>
        deps.backend.internal('exportView', { exportId, request: { ...input, out: path } }, signal),
      );
    },

    exportReport: async ({ emailingKey }) => {
      const { client, subject } = await emailingName(emailingKey);
      const path = await askForPath('Save the client report', [client, subject, 'Click report'], 'xlsx');
      if (!path) return { status: 'cancelled' };
      return start(path, (exportId, signal) =>
        deps.backend.internal('exportReport', { exportId, request: { emailingKey, out: path } }, signal),
      );
    },

    exportClientReport: async (input) => {
      const [first] = input.emailingKeys;
      const { client, subject } = await emailingName(first!);
      const several = input.emailingKeys.length > 1;
      const parts = several ? [client, 'Comparison'] : [client, subject, 'Click report'];
      const path = await askForPath(
        several ? 'Save the comparison' : 'Save the client report',
        parts,
        input.format,
      );
      if (!path) return { status: 'cancelled' };
      return start(path, (exportId, signal) =>
        deps.backend.internal('exportClientReport', { exportId, request: { ...input, out: path } }, signal),
      );
    },

    cancelExport: async ({ exportId }) => {
      // An export that finished before the click arrived has nothing left to cancel.
      const entry = knownExport(exportId);
      if (entry.state === 'writing') entry.cancel.abort();
      return null;
    },

    showExportInFolder: async ({ exportId }) => {
      deps.showItemInFolder(finishedFile(exportId));
      return null;
    },

    openExport: async ({ exportId }) => {
      const path = finishedFile(exportId);
      // shell.openPath answers with the system's reason when no program would open the file.
      const problem = await deps.openPath(path);
      if (problem)
        throw new AppError(
          'io_error',
          `The file could not be opened: ${problem} Use Show in folder to find it.`,
        );
      return null;
    },
  };
}
