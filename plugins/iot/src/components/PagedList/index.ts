export { LoadMoreButton, PagedList } from './PagedList';
