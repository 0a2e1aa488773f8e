/**
 * "Client report": one workbook for the emailing (Summary, Links, Profiles, Clicks), saved where
 * the user chooses in main's dialog; its progress and outcome show under the header.
 */
import { useRef } from 'react';
import { useApi } from '../ApiProvider';
import { isShown, useAppCommand } from '../commands/AppCommands';
import type { ExportJobControl } from './exportJobs';
import './export.css';

export function ReportButton({ control, emailingKey }: { control: ExportJobControl; emailingKey: number }) {
  const api = useApi();
  const button = useRef<HTMLButtonElement>(null);
  const start = () => control.start(() => api.exportReport({ emailingKey }));
  useAppCommand('clientReport', start, () => !control.busy && isShown(button.current));
  return (
    <button
      ref={button}
      type="button"
      className="button"
      disabled={control.busy}
      onClick={start}
      title="Summary, links, profiles and clicks in one Excel workbook"
    >
      <svg className="button-icon" viewBox="0 0 24 24" aria-hidden="true">
        <path d="M6 3h9l4 4v14H6zM14 3v5h5M9 13h7M9 17h7" />
      </svg>
      Client report
    </button>
  );
}
