export { IotAppCard } from './IotAppCard';
