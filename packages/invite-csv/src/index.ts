// Reading of bulk-invitation CSV files, shared by the BFF (which sends) and the web app (which
// previews), so both number, map and validate rows the same way; and writing of the CSV exports.
export {
  readInviteCsv,
  validateInviteRow,
  type InviteCsvField,
  type InviteCsvResult,
  type InviteCsvRow,
  type InviteRowValidation,
} from './read-invite-csv.js';
export { csvCell, csvLine, neutralizeFormula } from './write-csv.js';
