// Cross-cutting rules of every management call: a valid client_credentials token is required
// (Unauthenticated makes the SDK fetch one and retry), and directory errors become status codes.
import { Code, ConnectError, type Interceptor } from '@connectrpc/connect';
import { DirectoryError, type DirectoryErrorCode } from '../directory/errors.js';

export function requireManagementToken(
  verify: (authorization: string | undefined) => Promise<boolean>,
): Interceptor {
  return (next) => async (req) => {
    const authorization = req.header.get('authorization') ?? undefined;
    if (!(await verify(authorization))) {
      throw new ConnectError(
        authorization === undefined ? 'missing access token' : 'invalid or expired access token',
        Code.Unauthenticated,
      );
    }
    return next(req);
  };
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
