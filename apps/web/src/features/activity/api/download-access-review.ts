// GET /api/team/access-review.csv: every member with role, status, inviter and last sign-in, as
// a CSV file the browser downloads through a plain link.
import { routes } from '@app/contracts';

export const accessReviewUrl: string = routes.accessReview;
