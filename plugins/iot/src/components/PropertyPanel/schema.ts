import type {
  ResourceTypeItem,
  SpecGraphProblem,
} from '@internal/backstage-plugin-iot-common';

/** The parts of JSON Schema that the registry's property schemas use. */
export type PropertySchema = {
  type?: string;
  enum?: readonly unknown[];
  title?: string;
  titleZh?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  items?: PropertySchema;
  properties?: Record<string, PropertySchema>;
  required?: readonly string[];
};

/** How a property is edited. */
export type FieldKind =
  | 'image'
  | 'enum'
  | 'boolean'
  | 'number'
  | 'text'
  | 'enum-list'
  | 'object-list'
  | 'other';

export function fieldKind(
  key: string,
  schema: PropertySchema,
  type: ResourceTypeItem,
): FieldKind {
  if (key === 'image' && type.imageKind && schema.type === 'object') {
    return 'image';
  }
  if (schema.enum) return 'enum';
  switch (schema.type) {
    case 'boolean':
      return 'boolean';
    case 'integer':
    case 'number':
      return 'number';
    case 'string':
      return 'text';
    case 'array':
      if (schema.items?.enum) return 'enum-list';
      if (schema.items?.type === 'object') return 'object-list';
      return 'other';
    default:
      return 'other';
  }
}

/** The properties of a type in schema order, required first flagged. */
export function schemaProperties(type: ResourceTypeItem) {
  const schema = type.propertySchema as PropertySchema;
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([key, property]) => ({
    key,
    schema: property,
    required: required.has(key),
  }));
}

/** A new item of a list property: its item schema's defaults. */
export function newItem(items: PropertySchema | undefined) {
  const item: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(items?.properties ?? {})) {
    if (property.default !== undefined) item[key] = property.default;
  }
  return item;
}

/** Problems by property path (`name`, `ports[0].containerPort`). */
export function problemsByProperty(problems: readonly SpecGraphProblem[]) {
  const byPath = new Map<string, SpecGraphProblem[]>();
  for (const problem of problems) {
    if (problem.property === undefined) continue;
    const list = byPath.get(problem.property);
    if (list) list.push(problem);
    else byPath.set(problem.property, [problem]);
  }
  return byPath;
}
