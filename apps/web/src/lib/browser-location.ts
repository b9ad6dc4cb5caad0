// Full-page navigations (to the BFF or the identity provider) go through this object, so tests
// can observe them: jsdom cannot leave the page.
export const browserLocation = {
  assign(url: string): void {
    window.location.assign(url);
  },
  reload(): void {
    window.location.reload();
  },
};
