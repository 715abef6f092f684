export { createDeployInstanceAction } from './deployInstance';
export { createUninstallInstanceAction } from './uninstallInstance';
