/** What a page that failed to draw says (PageErrorBoundary). */
const pageError = {
  title: "This page could not be shown",
  body: "Something in its data was not as expected. Nothing was changed. Try again, or open another page from the menu; if it keeps happening, tell the team what you opened.",
  retry: "Try again",
} as const;

export default pageError;
