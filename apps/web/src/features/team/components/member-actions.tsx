// The per-row "Actions for <email>" menu and the dialogs it opens: the member's details (with
// their history), resend invite, change role, and (with confirmation) revoke invite or remove
// member. Revoke and remove are handed to the
// page once confirmed: it sends them after the Undo window.
import type { Member, Role } from '@app/contracts';
import { lazy, useState } from 'react';
import { ActionsMenu, type MenuAction } from '@/components/ui/actions-menu';
import { LazyDialog } from '@/components/ui/lazy-dialog';
import { resendInvite } from '../api/resend-invite';

// Every dialog here opens from the menu, so its code loads on the first click, not with the list.
const ConfirmDialog = lazy(() =>
  import('@/components/ui/confirm-dialog').then((module) => ({ default: module.ConfirmDialog })),
);
const ChangeRoleDialog = lazy(() =>
  import('./change-role-dialog').then((module) => ({ default: module.ChangeRoleDialog })),
);
const MemberDetailsDialog = lazy(() =>
  import('./member-details-dialog').then((module) => ({ default: module.MemberDetailsDialog })),
);

type OpenDialog = 'details' | 'resend' | 'role' | 'revoke' | 'remove' | undefined;

export interface MemberActionHandlers {
  onUpdated: (member: Member, message: string) => void;
  /** The role was changed; `before` is the member as they were. */
  onRoleChanged: (member: Member, before: Member) => void;
  /** Revoke or remove was confirmed; nothing has been sent yet. */
  onRemoveConfirmed: (member: Member) => void;
}

export function MemberActions({
  member,
  roles,
  isSelf,
  onUpdated,
  onRoleChanged,
  onRemoveConfirmed,
}: {
  member: Member;
  roles: readonly Role[];
  isSelf: boolean;
} & MemberActionHandlers) {
  const [dialog, setDialog] = useState<OpenDialog>(undefined);
  const invitation = member.status === 'pending' || member.status === 'expired';
  const close = () => setDialog(undefined);

  const actions: MenuAction[] = [{ label: 'View details', onSelect: () => setDialog('details') }];
  if (invitation) actions.push({ label: 'Resend invite', onSelect: () => setDialog('resend') });
  actions.push({ label: 'Change role', onSelect: () => setDialog('role') });
  if (invitation)
    actions.push({ label: 'Revoke invite', tone: 'danger', onSelect: () => setDialog('revoke') });
  else if (!isSelf)
    actions.push({ label: 'Remove member', tone: 'danger', onSelect: () => setDialog('remove') });

  return (
    <>
      <ActionsMenu label={`Actions for ${member.email}`} actions={actions} />
      <LazyDialog>
        {dialog === 'details' && (
          <MemberDetailsDialog member={member} roles={roles} onClose={close} />
        )}
        {dialog === 'resend' && (
          <ConfirmDialog
            title="Resend invitation?"
            confirmLabel="Resend invite"
            tone="primary"
            onClose={close}
            onConfirm={async () => {
              const updated = await resendInvite(member.userId);
              close();
              onUpdated(updated, `A new invitation was sent to ${member.email}.`);
            }}
          >
            <p>
              <strong className="break-anywhere">{member.email}</strong> gets a new invitation
              email; the link in any earlier one stops working.
            </p>
          </ConfirmDialog>
        )}
        {dialog === 'role' && (
          <ChangeRoleDialog
            member={member}
            roles={roles}
            isSelf={isSelf}
            onClose={close}
            onChanged={(updated) => {
              close();
              onRoleChanged(updated, member);
            }}
          />
        )}
        {(dialog === 'revoke' || dialog === 'remove') && (
          <ConfirmDialog
            title={dialog === 'revoke' ? 'Revoke invitation?' : 'Remove member?'}
            confirmLabel={dialog === 'revoke' ? 'Revoke invite' : 'Remove member'}
            onClose={close}
            onConfirm={() => {
              close();
              onRemoveConfirmed(member);
              return Promise.resolve();
            }}
          >
            <p>
              {dialog === 'revoke' ? (
                <>
                  The invitation link sent to{' '}
                  <strong className="break-anywhere">{member.email}</strong> stops working. You can
                  invite them again later.
                </>
              ) : (
                <>
                  <strong className="break-anywhere">{member.email}</strong> loses access to your
                  organization. You can invite them again later.
                </>
              )}
            </p>
          </ConfirmDialog>
        )}
      </LazyDialog>
    </>
  );
}
