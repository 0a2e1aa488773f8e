/**
 * The format and CSV options last chosen in any Export menu, kept for the window's session (not
 * saved): the next menu opened, in this view or another, starts from them. Held by App in
 * context rather than in a module, so that each window (and each test) starts afresh.
 */
import { createContext, type ReactNode, useContext, useState } from 'react';
import { defaultDelimiter } from '../../../shared/csvDelimiter';
import { AppError } from '../../../shared/errors';
import type { CsvOptions, ExportFormat } from '../../../shared/schemas/export';

export interface ExportFormatChoice {
  format: ExportFormat;
  csv: CsvOptions;
}

/** Read when a menu opens and written on every change; a change need not redraw anything else. */
interface ChoiceMemory {
  current: ExportFormatChoice;
}

const ExportChoiceContext = createContext<ChoiceMemory | null>(null);

export function ExportChoiceProvider({ children }: { children: ReactNode }) {
  const [memory] = useState<ChoiceMemory>(() => ({
    current: {
      format: 'xlsx',
      csv: { delimiter: defaultDelimiter(navigator.language), bom: true, guardFormulas: true },
    },
  }));
  return <ExportChoiceContext.Provider value={memory}>{children}</ExportChoiceContext.Provider>;
}

export function useExportChoiceMemory(): ChoiceMemory {
  const memory = useContext(ExportChoiceContext);
  if (!memory) throw new AppError('internal', 'An Export menu was drawn outside the ExportChoiceProvider.');
  return memory;
}
