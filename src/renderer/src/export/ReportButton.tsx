/**
 * "Client report": opens the report dialog for the emailing (a PDF or the workbook, with a
 * preview of the first page), covering the period and the clicks grid's filters on screen; the
 * saved file's progress and outcome show under the header.
 */
import { useRef, useState } from 'react';
import { isShown, useAppCommand } from '../commands/AppCommands';
import type { ReportScope } from '../../../shared/schemas/report';
import { ClientReportDialog } from '../report/ClientReportDialog';
import type { ExportJobControl } from './exportJobs';
import './export.css';

interface Props {
  control: ExportJobControl;
  emailingKey: number;
  scope: ReportScope;
}

export function ReportButton({ control, emailingKey, scope }: Props) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  // File ▸ Client report… opens the same dialog, for the emailing on screen.
  useAppCommand(
    'clientReport',
    () => setOpen(true),
    () => !control.busy && !open && isShown(button.current),
  );
  return (
    <>
      <button
        ref={button}
        type="button"
        className="button"
        disabled={control.busy}
        onClick={() => setOpen(true)}
        title="A PDF for the client, or the Excel workbook, of what this screen shows"
      >
        <svg className="button-icon" viewBox="0 0 24 24" aria-hidden="true">
          <path d="M6 3h9l4 4v14H6zM14 3v5h5M9 13h7M9 17h7" />
        </svg>
        Client report
      </button>
      {open && (
        <ClientReportDialog
          emailingKeys={[emailingKey]}
          scope={scope}
          control={control}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
