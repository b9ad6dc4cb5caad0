// A "Role" select filled from the organization's roles.
import type { Role } from '@app/contracts';
import { Field } from '@/components/ui/field';
import { humanizeRole } from '@/lib/format';

/** A role's display name from the organization's roles ("Admin"), else its name made readable. */
export function roleLabel(name: string, roles: readonly Role[]): string {
  const role = roles.find((candidate) => candidate.name === name);
  return role?.displayName || humanizeRole(name);
}

/** The role new people get unless the admin picks another: `member` when it exists. */
export function defaultRoleName(roles: readonly Role[]): string {
  return roles.find((role) => role.name === 'member')?.name ?? roles[0]?.name ?? 'member';
}

export function RoleSelect({
  label = 'Role',
  roles,
  value,
  onChange,
  hint,
  disabled = false,
}: {
  label?: string;
  roles: readonly Role[];
  value: string;
  onChange: (role: string) => void;
  hint?: string;
  disabled?: boolean;
}) {
  const selected = roles.find((role) => role.name === value);
  return (
    <Field label={label} hint={hint ?? selected?.description}>
      {(props) => (
        <select
          {...props}
          className="input select"
          value={value}
          disabled={disabled}
          onChange={(event) => onChange(event.target.value)}
        >
          {roles.length === 0 && <option value={value}>{humanizeRole(value)}</option>}
          {roles.map((role) => (
            <option key={role.name} value={role.name}>
              {roleLabel(role.name, roles)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
