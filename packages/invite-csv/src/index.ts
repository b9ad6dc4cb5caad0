// Reading and writing of invitation CSV files, shared by the BFF (which sends) and the web app
// (which previews and offers downloads), so both number, map and validate rows the same way.
export {
  readInviteCsv,
  validateInviteRow,
  type InviteCsvField,
  type InviteCsvResult,
  type InviteCsvRow,
  type InviteRowValidation,
} from './read-invite-csv.js';
export { neutralizeCsvCell, writeCsv, writeCsvLines } from './write-csv.js';
export { describeRowProblems, rowFieldLabel, unknownRoleProblem } from './row-problems.js';
