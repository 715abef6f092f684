export { ListingContent } from './ListingContent';
export { ListingHistory } from './ListingHistory';
export {
  actorName,
  listingActionLabel,
  listingStateChip,
  reviewFieldLabel,
} from './listingLabels';
