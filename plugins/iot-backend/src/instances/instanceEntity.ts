/** Kind of the entities instances are authorized as; they are not in the catalog. */
export const IOT_INSTANCE_KIND = 'IotInstance';

/** Entity ref an instance is authorized by: `iotinstance:default/<id>`. */
export function instanceEntityRef(instanceId: string): string {
  return `${IOT_INSTANCE_KIND.toLocaleLowerCase(
    'en-US',
  )}:default/${instanceId}`;
}
