// App-wide constants the screens share.
export const APP_NAME = 'Teamspace';

/** Members shown per page on the Team screen. */
export const MEMBERS_PAGE_SIZE = 25;

/** Pause after the last keystroke before the member search runs. */
export const SEARCH_DEBOUNCE_MS = 250;

/** Most addresses the invite dialog sends at once; longer lists belong in a CSV import. */
export const INVITE_DIALOG_MAX_EMAILS = 50;
