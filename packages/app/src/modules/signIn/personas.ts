/** The demo users of catalog/org/users.yaml that the local sign-in offers. */
export type PersonaName = 'alice' | 'bob' | 'rita' | 'ada' | 'sam' | 'sue';

/** Decides the card's icon and colour. */
export type PersonaKind = 'isv' | 'reviewer' | 'si';

export type Persona = {
  name: PersonaName;
  displayName: string;
  kind: PersonaKind;
};

// Before sign-in the catalog cannot be read, so the list lives here; keep it
// in step with catalog/org/users.yaml.
export const personas: readonly Persona[] = [
  { name: 'alice', displayName: 'Alice Andersen', kind: 'isv' },
  { name: 'bob', displayName: 'Bob Brandt', kind: 'isv' },
  { name: 'rita', displayName: 'Rita Rossi', kind: 'reviewer' },
  { name: 'ada', displayName: 'Ada Alvarez', kind: 'reviewer' },
  { name: 'sam', displayName: 'Sam Suzuki', kind: 'si' },
  { name: 'sue', displayName: 'Sue Schmidt', kind: 'si' },
];

export function isPersonaName(value: unknown): value is PersonaName {
  return personas.some(persona => persona.name === value);
}
