import { Route, Routes, useParams } from 'react-router-dom';
import { ReviewDetail } from '../ReviewDetail';
import { ReviewQueue } from './ReviewQueue';

function ReviewOfPath() {
  const { reviewId = '' } = useParams();
  return <ReviewDetail key={reviewId} reviewId={reviewId} />;
}

/**
 * The reviewers' Reviews page (REV-1..3): the queue at `/iot/reviews`, one
 * submission at `/iot/reviews/{reviewId}` (`reviewRouteRef`).
 */
export function ReviewsPage() {
  return (
    <Routes>
      <Route path="/" element={<ReviewQueue />} />
      <Route path="/:reviewId" element={<ReviewOfPath />} />
    </Routes>
  );
}
