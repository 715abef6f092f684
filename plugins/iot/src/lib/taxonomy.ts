import type { AppTaxonomy } from '@internal/backstage-plugin-iot-common';
import { humanizeSlug, labelIn } from './labels';

/** Names of industries and scenarios in the reader's language. */
export interface TaxonomyLabels {
  industry(industryId: string): string;
  scenario(industryId: string, scenarioId: string): string;
}

/**
 * Labels from `GET /app-taxonomy` in `language`; ids the taxonomy does not
 * (or not yet) know are shown humanised, e.g. "smart-city" → "Smart city".
 */
export function taxonomyLabels(
  taxonomy: AppTaxonomy | undefined,
  language: string,
): TaxonomyLabels {
  const industries = new Map(
    (taxonomy?.industries ?? []).map(industry => [industry.id, industry]),
  );
  return {
    industry: industryId => {
      const industry = industries.get(industryId);
      return industry ? labelIn(industry, language) : humanizeSlug(industryId);
    },
    scenario: (industryId, scenarioId) => {
      const scenario = industries
        .get(industryId)
        ?.scenarios.find(s => s.id === scenarioId);
      return scenario ? labelIn(scenario, language) : humanizeSlug(scenarioId);
    },
  };
}
