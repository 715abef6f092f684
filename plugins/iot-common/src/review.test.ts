import {
  isListedState,
  LISTING_ACTIONS,
  LISTING_STATES,
  listingActionsFrom,
  listingTransition,
  ListingAction,
  ListingState,
  rejectReviewRequestSchema,
  REVIEW_STATUS_OF_LISTING,
  specIdOfReviewField,
  submissionFieldsSchema,
  unlistRequestSchema,
} from './review';
import {
  checkListingImage,
  crc32,
  formatListingBytes,
  sniffListingImageFormat,
} from './reviewImage';

/** Every legal transition: from → action → to. Anything not here is illegal. */
const LEGAL: Record<
  ListingState,
  Partial<Record<ListingAction, ListingState>>
> = {
  draft: { submit: 'in-review' },
  'in-review': { approve: 'listed', reject: 'rejected' },
  listed: {
    submit: 'listed-update-in-review',
    unlist: 'unlisted',
    'unlist-spec': 'listed',
  },
  'listed-update-in-review': {
    approve: 'listed',
    reject: 'listed',
    unlist: 'in-review',
    'unlist-spec': 'listed-update-in-review',
  },
  rejected: { submit: 'in-review' },
  unlisted: { submit: 'in-review' },
};

describe('the listing state machine', () => {
  const pairs = LISTING_STATES.flatMap(from =>
    LISTING_ACTIONS.map(action => [from, action] as const),
  );

  it.each(pairs)('from %s, %s is as the table says', (from, action) => {
    expect(listingTransition(from, action)?.to).toBe(LEGAL[from][action]);
  });

  it('offers exactly the legal actions of each state', () => {
    for (const state of LISTING_STATES) {
      expect(listingActionsFrom(state)).toEqual(
        LISTING_ACTIONS.filter(action => LEGAL[state][action]),
      );
    }
  });

  it('lets owners submit, reviewers decide, both unlist', () => {
    expect(listingTransition('draft', 'submit')?.by).toBe('owner');
    expect(listingTransition('in-review', 'approve')?.by).toBe('reviewer');
    expect(listingTransition('in-review', 'reject')?.by).toBe('reviewer');
    expect(listingTransition('listed', 'unlist')?.by).toBe('owner-or-reviewer');
  });

  it('keeps a listed app on the market while its new version is in review', () => {
    expect(isListedState('listed-update-in-review')).toBe(true);
    expect(REVIEW_STATUS_OF_LISTING['listed-update-in-review']).toBe(
      'approved',
    );
    expect(isListedState('in-review')).toBe(false);
    expect(REVIEW_STATUS_OF_LISTING.unlisted).toBe('unlisted');
  });
});

describe('submission fields', () => {
  const valid = {
    listingName: 'Smart Parking',
    summary: 'Free bays at a glance.',
    specIds: ['smart-parking-standard'],
  };

  it('accepts a listing name, a summary of up to 90 characters and 1-20 specs', () => {
    expect(
      submissionFieldsSchema.parse({ ...valid, summary: 'x'.repeat(90) }),
    ).toEqual({ ...valid, summary: 'x'.repeat(90) });
  });

  it.each([
    [{ summary: 'x'.repeat(91) }, 'summary: must be at most 90 characters'],
    [{ listingName: '  ' }, 'listingName: is required'],
    [{ listingName: 'x'.repeat(65) }, 'must be at most 64 characters'],
    [{ summary: 'two\nlines' }, 'must not contain control characters'],
    [{ specIds: [] }, 'choose at least one spec'],
    [{ specIds: ['a', 'a'] }, 'names a spec twice'],
    [{ specIds: ['Not An Id'] }, 'is not a spec id'],
    [{ extra: 1 }, 'extra'],
  ])('refuses %p', (change, message) => {
    const result = submissionFieldsSchema.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    expect(
      result.error!.issues.map(i => `${i.path.join('.')}: ${i.message}`).join(),
    ).toContain(message);
  });
});

describe('reject and unlist bodies', () => {
  it('need a reason and take known flagged fields', () => {
    expect(
      rejectReviewRequestSchema.parse({
        reason: ' Blurry logo ',
        flaggedFields: ['logo', 'spec:smart-parking-standard'],
      }),
    ).toEqual({
      reason: 'Blurry logo',
      flaggedFields: ['logo', 'spec:smart-parking-standard'],
    });
    expect(
      rejectReviewRequestSchema.parse({ reason: 'No' }).flaggedFields,
    ).toEqual([]);
    expect(rejectReviewRequestSchema.safeParse({ reason: '' }).success).toBe(
      false,
    );
    expect(
      rejectReviewRequestSchema.safeParse({
        reason: 'x',
        flaggedFields: ['colour'],
      }).success,
    ).toBe(false);
    expect(unlistRequestSchema.safeParse({}).success).toBe(false);
    expect(specIdOfReviewField('spec:a-b')).toBe('a-b');
    expect(specIdOfReviewField('logo')).toBeUndefined();
  });
});

describe('listing image checks', () => {
  // the 1×1 PNG of the PNG specification's examples, built by hand
  function tinyPng(): Uint8Array {
    const chunk = (type: string, data: number[]) => {
      const body = [...type].map(c => c.charCodeAt(0)).concat(data);
      const crc = crc32(Uint8Array.from(body));
      const length = data.length;
      return [
        length >>> 24,
        (length >> 16) & 0xff,
        (length >> 8) & 0xff,
        length & 0xff,
        ...body,
        crc >>> 24,
        (crc >> 16) & 0xff,
        (crc >> 8) & 0xff,
        crc & 0xff,
      ];
    };
    return Uint8Array.from([
      0x89,
      0x50,
      0x4e,
      0x47,
      0x0d,
      0x0a,
      0x1a,
      0x0a,
      ...chunk('IHDR', [0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]),
      // zlib stream of one scanline: filter 0, one grey byte 0
      ...chunk(
        'IDAT',
        [0x78, 0x9c, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01],
      ),
      ...chunk('IEND', []),
    ]);
  }

  it('knows CRC-32 and formats sizes in KB of 1024', () => {
    expect(crc32(new TextEncoder().encode('IEND'))).toBe(0xae426082);
    expect(formatListingBytes(150 * 1024)).toBe('150 KB (153,600 bytes)');
    expect(formatListingBytes(1024 * 1024)).toBe('1 MB (1,048,576 bytes)');
  });

  it('reads a PNG by its content', () => {
    const bytes = tinyPng();
    expect(sniffListingImageFormat(bytes)).toBe('png');
    expect(checkListingImage('logo', { bytes, fileName: 'logo.png' })).toEqual({
      ok: true,
      format: 'png',
      width: 1,
      height: 1,
      sizeBytes: bytes.length,
    });
  });

  it('refuses text, a PNG cut short and a logo over 100 KB, naming the rule', () => {
    const text = new TextEncoder().encode('not an image');
    expect(checkListingImage('logo', { bytes: text })).toMatchObject({
      ok: false,
      rule: 'format',
      status: 415,
    });
    const cut = tinyPng().subarray(0, 30);
    expect(checkListingImage('logo', { bytes: cut })).toMatchObject({
      ok: false,
      rule: 'structure',
      status: 422,
      message: expect.stringContaining('truncated'),
    });
    expect(
      checkListingImage('logo', { bytes: tinyPng(), sizeBytes: 150 * 1024 }),
    ).toEqual({
      ok: false,
      rule: 'size',
      status: 413,
      message:
        'logo must be at most 100 KB (102,400 bytes); got 150 KB (153,600 bytes) (rule: size)',
    });
  });
});
