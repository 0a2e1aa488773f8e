/**
 * "Client report": the report of one emailing (PDF, or the workbook) or the comparison of
 * several (PDF, xlsx or CSV), in Dutch or English, with Dutch or American numbers, chosen apart.
 * It covers what the screen shows (the period, the clicks grid's filters, the bot switch), and
 * the first page is previewed before main's save dialog asks where it goes.
 */
import { useState } from 'react';
import { useApi } from '../ApiProvider';
import type { NumberLocale, ReportFormat, ReportLanguage, ReportScope } from '../../../shared/schemas/report';
import type { ExportJobControl } from '../export/exportJobs';
import { useQuery } from '../hooks/useQuery';
import { Dialog } from '../ui/Dialog';
import { InlineError } from '../ui/InlineError';
import { Choices } from './Choices';
import { ReportPreview } from './ReportPreview';
import './report.css';

interface Props {
  emailingKeys: number[];
  scope: ReportScope;
  control: ExportJobControl;
  onClose: () => void;
}

const browserLocale = typeof navigator === 'undefined' ? 'en-US' : navigator.language;

export function ClientReportDialog({ emailingKeys, scope, control, onClose }: Props) {
  const api = useApi();
  const several = emailingKeys.length > 1;
  const [format, setFormat] = useState<ReportFormat>('pdf');
  const [language, setLanguage] = useState<ReportLanguage>(browserLocale.startsWith('nl') ? 'nl' : 'en');
  const [numberLocale, setNumberLocale] = useState<NumberLocale>(
    browserLocale.startsWith('nl') ? 'nl-NL' : 'en-US',
  );
  const input = { emailingKeys, format, scope, style: { language, numberLocale } };
  const preview = useQuery(['reportPreview', input], () => api.previewClientReport(input), {
    keepPrevious: true,
  });
  const formats: [ReportFormat, string][] = several
    ? [
        ['pdf', 'PDF'],
        ['xlsx', 'Excel'],
        ['csv', 'CSV'],
      ]
    : [
        ['pdf', 'PDF'],
        ['xlsx', 'Excel workbook'],
      ];

  return (
    <Dialog
      title={several ? `Compare ${emailingKeys.length} emailings: report` : 'Client report'}
      onClose={onClose}
      size="wide"
    >
      <div className="dialog-body">
        <div className="report-choices">
          <Choices legend="Format" value={format} options={formats} onChange={setFormat} />
          <Choices
            legend="Language"
            value={language}
            options={[
              ['nl', 'Nederlands'],
              ['en', 'English'],
            ]}
            onChange={setLanguage}
          />
          <Choices
            legend="Numbers and dates"
            value={numberLocale}
            options={[
              ['nl-NL', '1.234,5'],
              ['en-US', '1,234.5'],
            ]}
            onChange={setNumberLocale}
          />
        </div>
        {format === 'xlsx' && !several && (
          <p className="muted">
            The workbook holds the Summary, Links, Profiles and Clicks sheets of the whole emailing.
          </p>
        )}
        {preview.error ? (
          <InlineError
            title="The preview could not be made."
            message={preview.error.message}
            onRetry={preview.reload}
          />
        ) : preview.data ? (
          <ReportPreview preview={preview.data} />
        ) : (
          <p className="muted">Preparing the preview…</p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="button button-primary"
            disabled={control.busy}
            onClick={() => {
              control.start(() => api.exportClientReport(input));
              onClose();
            }}
          >
            Save…
          </button>
        </div>
      </div>
    </Dialog>
  );
}
