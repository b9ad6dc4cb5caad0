// PATCH /api/profile: changes the signed-in user's own name; answers the session's new user.
import {
  ProfileResponseSchema,
  UpdateProfileBodySchema,
  routes,
  type SessionUser,
  type UpdateProfileBody,
} from '@app/contracts';
import { request } from '@/lib/api-client';

export async function updateProfile(body: UpdateProfileBody): Promise<SessionUser> {
  const { user } = await request(routes.profile, ProfileResponseSchema, {
    method: 'PATCH',
    json: UpdateProfileBodySchema.parse(body),
  });
  return user;
}
