export { AppSpecsContent } from './AppSpecsContent';
