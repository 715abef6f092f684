export { IotSpecCard } from './IotSpecCard';
