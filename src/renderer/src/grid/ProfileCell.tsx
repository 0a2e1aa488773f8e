/**
 * A profile ID that opens the profile's drill-down: a link-styled cell (click), and Enter on the
 * focused cell does the same (handled by the grid, see `openProfileOnEnter`).
 */
import type { CellKeyDownEvent, FullWidthCellKeyDownEvent, ICellRendererParams } from 'ag-grid-community';

export interface ProfileRef {
  profileId: number;
  subprofileId: number | null;
}

export interface ProfileContext {
  openProfile(ref: ProfileRef): void;
}

type WithProfile = { profile: number | null; subprofile?: number | null; profileName?: string | null };

function refOf(data: WithProfile | undefined): ProfileRef | null {
  if (!data || data.profile === null || data.profile <= 0) return null;
  return { profileId: data.profile, subprofileId: data.subprofile ?? null };
}

export function ProfileCell(params: ICellRendererParams<WithProfile, number | null, ProfileContext>) {
  const ref = refOf(params.data);
  if (!ref) return params.data ? <span className="muted">—</span> : null;
  return (
    <button
      type="button"
      className="link-cell"
      // The grid's cell has the focus; Tab should not stop on every profile in view.
      tabIndex={-1}
      title="Open this profile"
      onClick={() => params.context.openProfile(ref)}
    >
      {params.data?.profileName ? (
        // The name from the account's name field(s), the ID beside it.
        <>
          {params.data.profileName} <span className="muted">{ref.profileId}</span>
        </>
      ) : (
        ref.profileId
      )}
    </button>
  );
}

export function openProfileOnEnter<Row>(event: CellKeyDownEvent<Row> | FullWidthCellKeyDownEvent<Row>) {
  const key = (event.event as KeyboardEvent | null | undefined)?.key;
  if (key !== 'Enter' || !('column' in event) || event.column.getColId() !== 'profile') return;
  const ref = refOf(event.data as WithProfile | undefined);
  if (ref) (event.context as ProfileContext).openProfile(ref);
}
