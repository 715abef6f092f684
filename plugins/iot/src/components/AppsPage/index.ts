export { AppsPage } from './AppsPage';
