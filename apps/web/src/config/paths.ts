// The SPA's own paths. They equal the contracts' `pages` (a test keeps them in step) but live
// here so the entry chunk needs nothing from the contracts, whose zod schemas load later.
export const paths = {
  signIn: '/sign-in',
  profile: '/dashboard/profile',
  team: '/team',
} as const;
