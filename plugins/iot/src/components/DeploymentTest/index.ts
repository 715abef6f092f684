export { DeploymentTestCard } from './DeploymentTestCard';
export type { DeploymentTestCardProps } from './DeploymentTestCard';
