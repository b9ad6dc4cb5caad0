// Changes the signed-in user's own name in Scalekit and returns the user as the session shows
// it, so the session can carry the new name at once instead of at the next sign-in, and as
// Scalekit answered, for the member index (the Team page lists the new name).
import type { SessionUser, UpdateProfileBody } from '@app/contracts';
import type { ScalekitGateway, ScalekitUser } from '../team/scalekit-types.js';

export async function updateOwnName(
  gateway: ScalekitGateway,
  user: SessionUser,
  body: UpdateProfileBody,
): Promise<{ sessionUser: SessionUser; updated: ScalekitUser | undefined }> {
  const name = `${body.givenName} ${body.familyName}`;
  // The SDK sends only firstName/lastName of `userProfile` (Scalekit's given/family name).
  const answer = await gateway.call((client) =>
    client.user.updateUser(user.id, {
      userProfile: { firstName: body.givenName, lastName: body.familyName },
    }),
  );
  return {
    sessionUser: { ...user, givenName: body.givenName, familyName: body.familyName, name },
    updated: answer.user,
  };
}
