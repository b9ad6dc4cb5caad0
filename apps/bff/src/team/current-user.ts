// One user as Scalekit has it now, or undefined when Scalekit no longer knows them.
import { isNotFound } from './scalekit-errors.js';
import type { ScalekitGateway, ScalekitUser } from './scalekit-types.js';

export async function currentUser(
  gateway: ScalekitGateway,
  userId: string,
): Promise<ScalekitUser | undefined> {
  try {
    return (await gateway.call((client) => client.user.getUser(userId))).user;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}
