/** The window's report methods: the preview of a report's first page, and the comparison view. */
import { CompareInputSchema, type ComparisonView } from '../../shared/schemas/report';
import type { BackendContext } from '../context';
import type { PartialHandlers } from '../handlers';
import { comparisonData } from './comparison';
import { reportPreview } from './reportPreview';
import { parseScope } from './scopeSql';

export type ReportMethodName = 'previewClientReport' | 'compareEmailings';

/** Matched links the view shows; the exported files hold them all. */
const VIEW_LINKS = 100;

export function createReportHandlers(ctx: BackendContext): PartialHandlers<ReportMethodName> {
  return {
    previewClientReport: (input) => reportPreview(ctx.db, input),
    compareEmailings: (input): ComparisonView => {
      const { emailingKeys, scope } = CompareInputSchema.parse(input);
      const comparison = comparisonData(ctx.db, emailingKeys, parseScope(scope));
      return {
        emailings: comparison.emailings.map(({ emailingKey, remoteId, subject, sentAt, figures }) => ({
          emailingKey,
          remoteId,
          subject,
          sentAt,
          figures,
        })),
        links: comparison.links.slice(0, VIEW_LINKS).map(({ key, title, kind, clicks, total }) => ({
          key,
          title,
          kind,
          clicks,
          total,
        })),
        moreLinks: Math.max(0, comparison.links.length - VIEW_LINKS),
      };
    },
  };
}
