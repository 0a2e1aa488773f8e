/** The views over one emailing's cached clicks: grid blocks, links, profiles, timeline. */
import type { BackendContext } from '../context';
import type { PartialHandlers } from '../handlers';
import { ClicksView } from './clicksBlock';
import { SummaryViews } from './summaryViews';
import { TimelineView } from './timeline';
import { withProfileFields } from '../profiles/profileColumnsSql';

export type ViewMethodName = 'getClicksBlock' | 'getLinks' | 'getProfilesBlock' | 'getTimeline';

export function createViewHandlers(ctx: BackendContext): PartialHandlers<ViewMethodName> {
  const clicks = new ClicksView(ctx.db);
  const summaries = new SummaryViews(ctx.db);
  const timeline = new TimelineView(ctx.db);
  return {
    getClicksBlock: (request) => {
      const block = clicks.block(request);
      return { ...block, rows: withProfileFields(ctx.db, request.emailingKey, block.rows) };
    },
    getLinks: (request) => summaries.links(request),
    getProfilesBlock: (request) => {
      const block = summaries.profilesBlock(request);
      return { ...block, rows: withProfileFields(ctx.db, request.emailingKey, block.rows) };
    },
    getTimeline: (request) => timeline.timeline(request),
  };
}
