import { taxonomyLabels } from './taxonomy';
import { taxonomy } from '../__testUtils__/apps';

describe('taxonomyLabels', () => {
  it('names industries and scenarios in English', () => {
    const labels = taxonomyLabels(taxonomy, 'en');
    expect(labels.industry('smart-city')).toBe('Smart city');
    expect(labels.scenario('smart-city', 'parking')).toBe('Smart parking');
  });

  it('names them in Chinese when the taxonomy has Chinese labels', () => {
    const labels = taxonomyLabels(taxonomy, 'zh');
    expect(labels.industry('smart-city')).toBe('智慧城市');
    expect(labels.scenario('smart-city', 'parking')).toBe('智慧停车');
    // no Chinese label: the English one
    expect(labels.scenario('energy', 'metering')).toBe('Smart metering');
  });

  it('humanises ids it does not know', () => {
    const labels = taxonomyLabels(undefined, 'en');
    expect(labels.industry('oil-and-gas')).toBe('Oil and gas');
    expect(labels.scenario('smart-city', 'street-lighting')).toBe(
      'Street lighting',
    );
  });
});
