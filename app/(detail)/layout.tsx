// The issue, document and briefing pages, in the same frame as every signed-in page, but outside
// app/(app)/loading.tsx: a loading state streams the page with status 200 before the record is
// looked up, so an unknown or another team's id could not answer 404 (issue 18, finding 9).
export { default } from "../(app)/layout";
