// Cross-cutting rules of every management call: a valid client_credentials token is required
// (Unauthenticated makes the SDK fetch one and retry), except that the few RPCs acting for the
// signed-in end user also take that user's access token; and directory errors become status codes.
import {
  Code,
  ConnectError,
  createContextKey,
  type HandlerContext,
  type Interceptor,
} from '@connectrpc/connect';
import { DirectoryError, type DirectoryErrorCode } from '../directory/errors.js';

/** Who an end-user access token speaks for. */
export interface EndUser {
  userId: string;
  sessionId: string;
  clientId: string;
}

export interface TokenVerifiers {
  /** True for "Bearer <client_credentials access token>" minted here. */
  management: (authorization: string | undefined) => Promise<boolean>;
  /** The user behind a live user access token (its session not ended), else undefined. */
  endUser: (authorization: string | undefined) => Promise<EndUser | undefined>;
}

const endUserKey = createContextKey<EndUser | undefined>(undefined, { description: 'end user' });

/** RPCs Scalekit answers for "the currently authenticated user" (its /ui surfaces). */
const END_USER_RPCS = new Set([
  'scalekit.v1.users.UserService.GetCurrentUser',
  'scalekit.v1.users.UserService.GetSupportHash',
]);

export function requireAccessToken(verify: TokenVerifiers): Interceptor {
  return (next) => async (req) => {
    const authorization = req.header.get('authorization') ?? undefined;
    if (END_USER_RPCS.has(`${req.service.typeName}.${req.method.name}`)) {
      const user = await verify.endUser(authorization);
      if (user !== undefined) {
        req.contextValues.set(endUserKey, user);
        return next(req);
      }
    }
    if (!(await verify.management(authorization))) {
      throw new ConnectError(
        authorization === undefined ? 'missing access token' : 'invalid or expired access token',
        Code.Unauthenticated,
      );
    }
    return next(req);
  };
}

/** The end user an RPC acts for; a client_credentials token has none. */
export function requireEndUser(context: HandlerContext, rpc: string): EndUser {
  const user = context.values.get(endUserKey);
  if (user === undefined) {
    throw new ConnectError(
      `${rpc} acts for a signed-in user: call it with the user's access token, not a client_credentials token`,
      Code.PermissionDenied,
    );
  }
  return user;
}

const CODES: Record<DirectoryErrorCode, Code> = {
  not_found: Code.NotFound,
  already_exists: Code.AlreadyExists,
  invalid_argument: Code.InvalidArgument,
  failed_precondition: Code.FailedPrecondition,
};

export const translateDirectoryErrors: Interceptor = (next) => async (req) => {
  try {
    return await next(req);
  } catch (error) {
    if (error instanceof DirectoryError) throw new ConnectError(error.message, CODES[error.code]);
    throw error;
  }
};
