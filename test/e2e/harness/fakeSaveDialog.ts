/**
 * Electron's save dialog without Electron: it answers the suggested file name inside a folder
 * the test chose (or a file name the test set for the next answer), or "cancelled" while no
 * folder is set, and records what the app asked, so a test can check the suggested name.
 */
import { basename, join } from 'node:path';
import type { SaveDialogRequest, ShowSaveDialog } from '../../../src/main/exports';

export interface FakeSaveDialog {
  show: ShowSaveDialog;
  /** Where the next dialogs save; null: the user cancels them. */
  folder: string | null;
  /** A file name for the next answer only, instead of the suggested one. */
  nextFileName: string | null;
  /** Every dialog the app opened, in order. */
  readonly requests: SaveDialogRequest[];
}

export function createFakeSaveDialog(): FakeSaveDialog {
  const fake: FakeSaveDialog = {
    folder: null,
    nextFileName: null,
    requests: [],
    show: async (request) => {
      fake.requests.push(request);
      if (fake.folder === null) return { canceled: true };
      const name = fake.nextFileName ?? basename(request.defaultPath);
      fake.nextFileName = null;
      return { canceled: false, filePath: join(fake.folder, name) };
    },
  };
  return fake;
}
