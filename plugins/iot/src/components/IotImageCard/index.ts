export { IotImageCard } from './IotImageCard';
