/***/
/**
 * The persona-provider backend module for the auth plugin.
 *
 * @packageDocumentation
 */

export { authModulePersonaProvider as default } from './module';
