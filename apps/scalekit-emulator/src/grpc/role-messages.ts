// Roles and permissions rendered as the SDK's `scalekit.v1.roles` messages.
import type { MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type {
  PermissionSchema,
  RoleSchema,
} from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/roles/roles_pb.js';
import type { Permission, Role } from '../directory/role-store.js';
import type { Roles } from '../directory/roles.js';

export type RoleMessage = MessageInitShape<typeof RoleSchema>;
export type PermissionMessage = MessageInitShape<typeof PermissionSchema>;

/**
 * `include`, as the API documents it: absent means no permissions, "permissions" the direct
 * ones, "permissions:all" the inherited ones too.
 */
export type RoleInclude = string | undefined;

export class RolePresenter {
  constructor(private readonly roles: Roles) {}

  /** `organizationId` is the organization the role is seen from (its default member role differs). */
  role(role: Role, include: RoleInclude, organizationId: string | null = null): RoleMessage {
    const defaults = this.roles.defaultRolesFor(organizationId ?? role.organizationId);
    return {
      id: role.id,
      name: role.name,
      displayName: role.displayName,
      description: role.description,
      defaultCreator: role.organizationId === null && role.name === defaults.creator,
      defaultMember: role.name === defaults.member,
      extends: role.extends ?? undefined,
      dependentRolesCount: this.roles.dependentCount(role),
      isOrgRole: role.organizationId !== null,
      permissions: this.rolePermissions(role, include),
    };
  }

  permission(permission: Permission): PermissionMessage {
    return {
      id: permission.id,
      name: permission.name,
      description: permission.description,
      createTime: timestampFromDate(permission.createdAt),
      updateTime: timestampFromDate(permission.updatedAt),
      isScalekitPermission: permission.scalekit,
    };
  }

  private rolePermissions(role: Role, include: RoleInclude): RoleMessage['permissions'] {
    const listed =
      include === 'permissions:all'
        ? this.roles.effectivePermissions(role)
        : include === 'permissions'
          ? this.roles.directPermissions(role).map((permission) => ({ permission, source: role }))
          : [];
    return listed.map(({ permission, source }) => ({
      id: permission.id,
      name: permission.name,
      description: permission.description,
      createTime: timestampFromDate(permission.createdAt),
      updateTime: timestampFromDate(permission.updatedAt),
      roleName: source.name,
    }));
  }
}
