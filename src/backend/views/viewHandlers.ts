/** The views over one emailing's cached clicks: grid blocks, links, profiles, timeline. */
import type { BackendContext } from '../context';
import type { PartialHandlers } from '../handlers';
import { ClicksView } from './clicksBlock';
import { SummaryViews } from './summaryViews';
import { TimelineView } from './timeline';

export type ViewMethodName = 'getClicksBlock' | 'getLinks' | 'getProfilesBlock' | 'getTimeline';

export function createViewHandlers(ctx: BackendContext): PartialHandlers<ViewMethodName> {
  const clicks = new ClicksView(ctx.db);
  const summaries = new SummaryViews(ctx.db);
  const timeline = new TimelineView(ctx.db);
  return {
    getClicksBlock: (request) => clicks.block(request),
    getLinks: (request) => summaries.links(request),
    getProfilesBlock: (request) => summaries.profilesBlock(request),
    getTimeline: (request) => timeline.timeline(request),
  };
}
