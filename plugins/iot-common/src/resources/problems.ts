import type { ImageKind } from '../entities/constants';
import type { ResourceTypeId } from './types';

/**
 * Formats of text properties that the registry checks by pattern, and what
 * a value must look like, in English (the problem's `message`; the
 * frontend words each format in the reader's language).
 */
export const PROPERTY_FORMATS = {
  'cloud-name': 'must be 1-64 letters, digits, _ or -, starting with a letter',
  'kubernetes-name':
    'must be 1-63 lower-case letters, digits or -, starting with a letter and not ending with -',
  cidr: 'must be an IPv4 CIDR block such as 192.168.0.0/16',
  ipv4: 'must be an IPv4 address such as 192.168.0.1',
  'image-name':
    'must be an image name from the Images page, e.g. parking-server',
  'image-version': 'must be an image version from the Images page, e.g. 1.4.2',
  'domain-name': 'must be a lower-case domain name such as parking.example.com',
  'zone-name': 'must be a lower-case zone name such as example.com',
  'variable-name': 'must be letters, digits or _, not starting with a digit',
  'bucket-name':
    'must be 3-63 lower-case letters, digits, . or -, starting and ending with a letter or digit',
} as const;
/** @public */
export type PropertyFormat = keyof typeof PROPERTY_FORMATS;

type NoParams = Record<string, never>;

/**
 * What is wrong with a property's value, by code, with the values its
 * wording needs. `got` is the value found, as JSON (cut at 60 characters).
 */
export type PropertyProblemParams = {
  'property-required': NoParams;
  /** `expected`: string, number, int, boolean, array, object or another zod type name. */
  'property-type': { expected: string; got?: string };
  'text-empty': { got?: string };
  'text-too-short': { min: number; got?: string };
  'text-too-long': { max: number; got?: string };
  'list-empty': { got?: string };
  'list-too-short': { min: number; got?: string };
  'list-too-long': { max: number; got?: string };
  'number-too-small': { min: number; got?: string };
  'number-too-large': { max: number; got?: string };
  'number-not-greater': { bound: number; got?: string };
  'number-not-less': { bound: number; got?: string };
  'number-step': { divisor: number; got?: string };
  /** `values` as JSON. */
  'value-not-offered': { values: string[]; got?: string };
  format: { format: PropertyFormat; got?: string };
  /** A format zod checks by itself; `detail` is zod's English message. */
  'format-other': { detail: string; got?: string };
  'not-in-zone': { zone: string; got?: string };
  /** `first`: the 1-based position of the item that has the value already. */
  'duplicate-listener-port': { first: number; got?: string };
  'duplicate-port': { first: number; got?: string };
  'duplicate-variable': { first: number; got?: string };
  'duplicate-protocol': { first: number; got?: string };
  'property-unknown': NoParams;
  /** Anything else zod refused; `detail` is its English message. */
  'property-invalid': { detail: string; got?: string };
};

/** Codes of the problems of one property (`property` names it). */
export type PropertyProblemCode = keyof PropertyProblemParams;

/** What a problem of one property says: its code and the values its wording needs. */
export type PropertyProblemText = {
  [C in PropertyProblemCode]: { code: C; params: PropertyProblemParams[C] };
}[PropertyProblemCode];

/** The problems of a graph, its edges and nodes beyond one property's value, by code. */
export type GraphProblemParams = {
  /** `detail` is zod's English message. */
  'graph-malformed': { path: string; detail: string };
  'too-many-nodes': { count: number; max: number };
  'too-many-edges': { count: number; max: number };
  'duplicate-id': NoParams;
  'unknown-type': { type: string };
  'edge-unknown-node': { missing: string };
  'self-loop': NoParams;
  'duplicate-edge': NoParams;
  'edge-not-allowed': {
    sourceType: ResourceTypeId;
    targetType: ResourceTypeId;
    /** Types the source may depend on. */
    allowed: ResourceTypeId[];
    /** The edge the other way round would be allowed. */
    reverse: boolean;
  };
  'missing-dependency': { type: ResourceTypeId };
  'missing-dependency-one-of': { types: ResourceTypeId[] };
  'too-many-dependencies': { type: ResourceTypeId; targets: string[] };
  cycle: NoParams;
  /** `first`: the node that has the name already. */
  'duplicate-name': { name: string; first: string };
  'image-missing': { image: string };
  'image-owner': { image: string };
  'image-kind': { image: string; actual: ImageKind; wanted: ImageKind };
  /** `known`: the versions of the image that were uploaded. */
  'image-version-missing': { image: string; version: string; known: string[] };
  'image-uploading': { image: string; version: string };
  'image-upload-failed': { image: string; version: string };
};

/** @public */
export type SpecGraphProblemCode =
  | keyof GraphProblemParams
  | PropertyProblemCode;

type AllProblemParams = GraphProblemParams & PropertyProblemParams;

/**
 * What a problem says, as a code and the values its wording needs, for
 * saying it in the reader's language; the problem's `message` says the
 * same in English. The node, edge, cycle and property it is on are the
 * problem's own fields.
 */
export type SpecGraphProblemText = {
  [C in SpecGraphProblemCode]: { code: C; params: AllProblemParams[C] };
}[SpecGraphProblemCode];

const PROPERTY_PROBLEM_CODES: Record<PropertyProblemCode, true> = {
  'property-required': true,
  'property-type': true,
  'text-empty': true,
  'text-too-short': true,
  'text-too-long': true,
  'list-empty': true,
  'list-too-short': true,
  'list-too-long': true,
  'number-too-small': true,
  'number-too-large': true,
  'number-not-greater': true,
  'number-not-less': true,
  'number-step': true,
  'value-not-offered': true,
  format: true,
  'format-other': true,
  'not-in-zone': true,
  'duplicate-listener-port': true,
  'duplicate-port': true,
  'duplicate-variable': true,
  'duplicate-protocol': true,
  'property-unknown': true,
  'property-invalid': true,
};

/** Whether a problem is about the value of its `property` (rather than about its node, an edge or the graph). */
export function isPropertyProblem<T extends SpecGraphProblemText>(
  problem: T,
): problem is Extract<T, PropertyProblemText> {
  return Object.hasOwn(PROPERTY_PROBLEM_CODES, problem.code);
}
