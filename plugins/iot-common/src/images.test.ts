import {
  imageVersionParamsSchema,
  listImagesQuerySchema,
  uploadImageFieldsSchema,
} from './images';

describe('image request schemas', () => {
  it('coerces and bounds the list query', () => {
    expect(
      listImagesQuerySchema.parse({
        name: 'park',
        status: 'failed',
        limit: '20',
      }),
    ).toEqual({ name: 'park', status: 'failed', limit: 20 });
    expect(listImagesQuerySchema.safeParse({ limit: '501' }).success).toBe(
      false,
    );
    expect(listImagesQuerySchema.safeParse({ status: 'done' }).success).toBe(
      false,
    );
    expect(listImagesQuerySchema.safeParse({ name: ['a', 'b'] }).success).toBe(
      false,
    );
    expect(listImagesQuerySchema.safeParse({ sort: 'name' }).success).toBe(
      false,
    );
  });

  it('accepts the names and versions file names carry', () => {
    expect(
      imageVersionParamsSchema.safeParse({
        name: 'parking-server',
        version: 'v1.4.2+build.7',
      }).success,
    ).toBe(true);
    for (const params of [
      { name: 'Parking', version: '1.0' },
      { name: '-parking', version: '1.0' },
      { name: 'parking', version: '.1' },
      { name: 'parking', version: '1/2' },
    ]) {
      expect(imageVersionParamsSchema.safeParse(params).success).toBe(false);
    }
  });

  it('knows the upload fields', () => {
    expect(
      uploadImageFieldsSchema.parse({
        kind: 'vm',
        owner: 'group:default/isv-acme',
      }),
    ).toEqual({ kind: 'vm', owner: 'group:default/isv-acme' });
    expect(uploadImageFieldsSchema.safeParse({ kind: 'zip' }).success).toBe(
      false,
    );
  });
});
