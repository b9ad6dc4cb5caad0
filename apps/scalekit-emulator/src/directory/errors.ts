// Typed failures of directory operations; the gRPC layer maps each code to a status code.
export type DirectoryErrorCode =
  'not_found' | 'already_exists' | 'invalid_argument' | 'failed_precondition';

export class DirectoryError extends Error {
  constructor(
    readonly code: DirectoryErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DirectoryError';
  }
}

export const notFound = (message: string): DirectoryError =>
  new DirectoryError('not_found', message);
export const alreadyExists = (message: string): DirectoryError =>
  new DirectoryError('already_exists', message);
export const invalidArgument = (message: string): DirectoryError =>
  new DirectoryError('invalid_argument', message);
export const failedPrecondition = (message: string): DirectoryError =>
  new DirectoryError('failed_precondition', message);
