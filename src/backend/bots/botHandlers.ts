/**
 * The bot rules in Settings and the Devices view. A rule change judges every cached click again
 * before it answers, with verdictProgress events the Settings dialog shows, then cacheChanged so
 * that every open view reads again.
 */
import type { BackendContext } from '../context';
import type { PartialHandlers } from '../handlers';
import { devicesView } from '../devices/devicesView';
import { readBotRules, writeBotRules } from './botRulesStore';
import { recomputeAllVerdicts } from './verdictPass';

export function createBotHandlers(
  ctx: BackendContext,
): PartialHandlers<'getBotRules' | 'updateBotRules' | 'getDevices'> {
  return {
    getBotRules: () => readBotRules(ctx.db),
    updateBotRules: (rules) => {
      const saved = writeBotRules(ctx.db, rules);
      const { clicks } = recomputeAllVerdicts(ctx.db, (done, total) =>
        ctx.emit('verdictProgress', { done, total, finished: false }),
      );
      ctx.emit('verdictProgress', { done: clicks, total: clicks, finished: true });
      ctx.emit('cacheChanged', { at: ctx.now().toISOString() });
      return saved;
    },
    getDevices: (request) => devicesView(ctx.db, request.emailingKey, request.excludeBots ?? false),
  };
}
