/** Help ▸ About: the version, and where this installation keeps its cache. */
import type { AppInfo } from '../../../shared/contract';
import { Dialog } from '../ui/Dialog';

export function AboutDialog({ info, onClose }: { info: AppInfo | null; onClose: () => void }) {
  return (
    <Dialog title="About Copernica Clicks" onClose={onClose} size="narrow">
      <div className="dialog-body">
        <p>
          Version <strong data-testid="about-version">{info?.version ?? '…'}</strong>
        </p>
        <p>Click statistics of Copernica emailings, cached on this computer to explore and export offline.</p>
        {info && (
          <p className="muted">
            Cache: <code>{info.databasePath}</code> (schema {info.schemaVersion})
          </p>
        )}
      </div>
    </Dialog>
  );
}
