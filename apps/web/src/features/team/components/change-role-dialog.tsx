// Gives a member another role, after the admin picks it and confirms; warns an admin who is
// about to take away their own admin access.
import type { Member, Role } from '@app/contracts';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { describeError } from '@/lib/error-message';
import { updateMemberRole } from '../api/update-member-role';
import { RoleSelect } from './role-select';

/** The role that makes someone an administrator (the BFF's rule too). */
const ADMIN_ROLE = 'admin';

export function ChangeRoleDialog({
  member,
  roles,
  isSelf,
  onChanged,
  onClose,
}: {
  member: Member;
  roles: readonly Role[];
  isSelf: boolean;
  onChanged: (member: Member) => void;
  onClose: () => void;
}) {
  const current = member.roles[0] ?? '';
  const [role, setRole] = useState(current || (roles[0]?.name ?? ''));
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const demotesSelf = isSelf && member.roles.includes(ADMIN_ROLE) && role !== ADMIN_ROLE;

  async function save() {
    setPending(true);
    setError(undefined);
    try {
      onChanged(await updateMemberRole(member.userId, role));
    } catch (failure) {
      setError(failure);
      setPending(false);
    }
  }

  return (
    <Dialog
      title="Change role"
      description={
        <>
          Choose the role of <strong className="break-anywhere">{member.email}</strong>. It takes
          effect at once.
        </>
      }
      onClose={onClose}
      closeDisabled={pending}
      footer={
        <>
          <Button onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button
            variant="primary"
            isLoading={pending}
            disabled={role === current}
            onClick={() => void save()}
          >
            {demotesSelf ? 'Save and lose admin access' : 'Save role'}
          </Button>
        </>
      }
    >
      {error !== undefined && <Alert tone="error">{describeError(error)}</Alert>}
      <RoleSelect roles={roles} value={role} onChange={setRole} />
      {demotesSelf && (
        <Alert tone="warning" title="You are changing your own role">
          You will lose admin access as soon as you save: you will no longer be able to invite
          people or change members, and only another admin can give it back.
        </Alert>
      )}
    </Dialog>
  );
}
