import {
  createAppRequestSchema,
  createSpecRequestSchema,
  updateAppRequestSchema,
  updateSpecRequestSchema,
} from './apps';

describe('app and spec request schemas', () => {
  it('fill in the defaults of a new app and spec', () => {
    expect(
      createAppRequestSchema.parse({
        name: ' Smart Parking ',
        industry: 'smart-city',
        scenario: 'parking',
      }),
    ).toEqual({
      name: 'Smart Parking',
      industry: 'smart-city',
      scenario: 'parking',
      description: '',
    });
    expect(
      createSpecRequestSchema.parse({
        type: 'general',
        deployLocation: 'public-cloud',
        name: 'Standard',
        description: 'd',
      }).allowTrial,
    ).toBe(false);
  });

  it('leave out of an edit what it does not send', () => {
    expect(updateAppRequestSchema.parse({ name: 'Renamed' })).toEqual({
      name: 'Renamed',
    });
    expect(updateSpecRequestSchema.parse({ name: 'Renamed' })).toEqual({
      name: 'Renamed',
    });
  });

  it('check edits as strictly as creation', () => {
    expect(
      updateAppRequestSchema.safeParse({ description: 'd'.repeat(1025) })
        .success,
    ).toBe(false);
    expect(
      updateAppRequestSchema.safeParse({ owner: 'isv-acme' }).success,
    ).toBe(false);
    expect(
      updateSpecRequestSchema.safeParse({ description: ' ' }).success,
    ).toBe(false);
    expect(
      updateSpecRequestSchema.safeParse({ allowTrial: 'yes' }).success,
    ).toBe(false);
  });
});
