// Gives a member another role, after the admin picks it and confirms.
import type { Member, Role } from '@app/contracts';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { describeError } from '@/lib/error-message';
import { updateMemberRole } from '../api/update-member-role';
import { RoleSelect } from './role-select';

export function ChangeRoleDialog({
  member,
  roles,
  onChanged,
  onClose,
}: {
  member: Member;
  roles: readonly Role[];
  onChanged: (member: Member) => void;
  onClose: () => void;
}) {
  const current = member.roles[0] ?? '';
  const [role, setRole] = useState(current || (roles[0]?.name ?? ''));
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

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
          effect the next time they sign in or their session refreshes.
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
            Save role
          </Button>
        </>
      }
    >
      {error !== undefined && <Alert tone="error">{describeError(error)}</Alert>}
      <RoleSelect roles={roles} value={role} onChange={setRole} />
    </Dialog>
  );
}
