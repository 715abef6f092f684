import {
  checkAppForm,
  checkName,
  checkSpecForm,
  hasProblems,
  suggestCopyName,
} from './forms';

const app = {
  name: 'Smart Parking',
  industry: 'smart-city',
  scenario: 'parking',
  description: '',
};

const spec = {
  type: 'general' as const,
  deployLocation: 'edge-site' as const,
  name: 'Edge',
  description: 'On site',
  allowTrial: false,
};

describe('checkName', () => {
  it('wants a name of at most max characters after trimming', () => {
    expect(checkName('  ', 64)).toEqual({ problem: 'required' });
    expect(checkName(` ${'a'.repeat(64)} `, 64)).toBeUndefined();
    expect(checkName('a'.repeat(65), 64)).toEqual({
      problem: 'too-long',
      max: 64,
    });
    expect(checkName('a\tb', 64)).toEqual({ problem: 'control-characters' });
  });
});

describe('checkAppForm', () => {
  it('accepts a complete app with an empty description', () => {
    expect(hasProblems(checkAppForm(app))).toBe(false);
  });

  it('names every missing or too long field', () => {
    expect(
      checkAppForm({
        name: '',
        industry: '',
        scenario: '',
        description: 'x'.repeat(1025),
      }),
    ).toEqual({
      name: { problem: 'required' },
      industry: { problem: 'required' },
      scenario: { problem: 'required' },
      description: { problem: 'too-long', max: 1024 },
    });
    expect(checkAppForm({ ...app, description: 'x'.repeat(1024) })).toEqual({});
  });
});

describe('checkSpecForm', () => {
  it('accepts a complete spec', () => {
    expect(checkSpecForm(spec)).toEqual({});
  });

  it('wants a type, a deploy location and a description of at most 300', () => {
    expect(
      checkSpecForm({
        ...spec,
        type: '',
        deployLocation: '',
        description: ' ',
      }),
    ).toEqual({
      type: { problem: 'required' },
      deployLocation: { problem: 'required' },
      description: { problem: 'required' },
    });
    expect(checkSpecForm({ ...spec, description: 'x'.repeat(301) })).toEqual({
      description: { problem: 'too-long', max: 300 },
    });
  });
});

describe('suggestCopyName', () => {
  const format = (name: string) => `${name} (copy)`;

  it('appends the suffix', () => {
    expect(suggestCopyName('Edge', format)).toBe('Edge (copy)');
  });

  it('shortens a long name so that the suggestion fits', () => {
    const suggestion = suggestCopyName('a'.repeat(64), format);
    expect(suggestion).toBe(`${'a'.repeat(57)} (copy)`);
    expect(suggestion).toHaveLength(64);
  });
});
