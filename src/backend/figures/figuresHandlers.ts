/** The key figures of one emailing, for the Overview. */
import type { BackendContext } from '../context';
import type { PartialHandlers } from '../handlers';
import { KeyFiguresView } from './keyFigures';

export function createFiguresHandlers(ctx: BackendContext): PartialHandlers<'getKeyFigures'> {
  const view = new KeyFiguresView(ctx.db);
  return { getKeyFigures: (request) => view.keyFigures(request) };
}
