// Changes the signed-in user's own name in Scalekit and returns the user as the session shows
// it, so the session can carry the new name at once instead of at the next sign-in.
import type { SessionUser, UpdateProfileBody } from '@app/contracts';
import type { ScalekitGateway } from '../team/scalekit-types.js';

export async function updateOwnName(
  gateway: ScalekitGateway,
  user: SessionUser,
  body: UpdateProfileBody,
): Promise<SessionUser> {
  const name = `${body.givenName} ${body.familyName}`;
  // The SDK sends only firstName/lastName of `userProfile` (Scalekit's given/family name).
  await gateway.call((client) =>
    client.user.updateUser(user.id, {
      userProfile: { firstName: body.givenName, lastName: body.familyName },
    }),
  );
  return { ...user, givenName: body.givenName, familyName: body.familyName, name };
}
