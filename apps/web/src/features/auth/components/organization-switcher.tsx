// The organization switcher in the top bar, for people in several organizations (or invited to
// another): a disclosure button with the current organization's name, and a list of the others.
// Choosing one re-authorizes there through Scalekit and comes back to the same page. Escape or a
// click elsewhere closes it; Escape returns focus to the button.
import type { OwnOrganization } from '@app/contracts';
import { useId, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Spinner } from '@/components/ui/spinner';
import { describeError } from '@/lib/error-message';
import { switchOrganization } from '../api/switch-organization';
import { usePopover } from '@/components/ui/use-popover';

/** Whether there is anywhere to switch to: another organization, or an invitation. */
export function canSwitchOrganization(
  organizations: OwnOrganization[],
  currentId: string,
): boolean {
  return organizations.some((organization) => organization.id !== currentId);
}

export function OrganizationSwitcher({
  organizations: list,
  current,
  returnTo,
}: {
  /** From `useOwnOrganizations`; nothing shows unless there is somewhere else to go. */
  organizations: OwnOrganization[];
  current: { id: string; name: string };
  /** The page to land on in the other organization (path and query). */
  returnTo: string;
}) {
  const { open, setOpen, rootRef, buttonRef } = usePopover();
  const [switching, setSwitching] = useState<string | undefined>(undefined);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const panelId = useId();

  if (!canSwitchOrganization(list, current.id)) return null;

  async function choose(organization: OwnOrganization) {
    setSwitching(organization.id);
    setFailure(undefined);
    try {
      await switchOrganization(organization.id, returnTo);
    } catch (error) {
      setSwitching(undefined);
      setFailure(`Could not switch to ${organization.name}. ${describeError(error)}`);
    }
  }

  return (
    <div className="org-switcher" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="user-menu__button"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((value) => !value)}
      >
        <span className="user-menu__context">{current.name}</span>
        <span className="sr-only">, switch organization</span>
        <span aria-hidden="true" className="menu__chevron">
          ▾
        </span>
      </button>
      {open && (
        <div id={panelId} className="user-menu__panel org-switcher__panel">
          <p className="org-switcher__heading muted small" id={`${panelId}-heading`}>
            Switch organization
          </p>
          <ul className="org-switcher__list" aria-labelledby={`${panelId}-heading`}>
            {list.map((organization) => {
              const isCurrent = organization.id === current.id;
              return (
                <li key={organization.id}>
                  <button
                    type="button"
                    className="org-switcher__option"
                    disabled={isCurrent || switching !== undefined}
                    aria-current={isCurrent ? 'true' : undefined}
                    onClick={() => void choose(organization)}
                  >
                    <span className="break-anywhere">{organization.name}</span>
                    {isCurrent && <Badge tone="neutral">Current</Badge>}
                    {organization.status === 'invited' && <Badge tone="info">Invited</Badge>}
                    {switching === organization.id && <Spinner size="sm" />}
                  </button>
                </li>
              );
            })}
          </ul>
          {failure && (
            <p className="small" role="alert">
              {failure}
            </p>
          )}
          {switching !== undefined && (
            <p className="sr-only" role="status">
              Switching organization…
            </p>
          )}
        </div>
      )}
    </div>
  );
}
