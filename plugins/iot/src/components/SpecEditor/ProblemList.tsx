import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Flex, Text } from '@backstage/ui';
import Link from '@material-ui/core/Link';
import { makeStyles } from '@material-ui/core/styles';
import type {
  ResourceTypeItem,
  SpecGraphProblem,
} from '@internal/backstage-plugin-iot-common';
import { memo } from 'react';
import type { EditorGraph } from '../../lib/editorGraph';
import {
  problemText,
  problemTitle,
  useProblemWording,
} from '../../lib/graphProblems';
import { iotTranslationRef } from '../../translation';

/** Problems listed at most; the rest are counted. */
const SHOWN = 100;

const useStyles = makeStyles(theme => ({
  list: {
    margin: 0,
    paddingLeft: theme.spacing(2.5),
    maxHeight: 220,
    overflowY: 'auto',
    fontSize: theme.typography.body2.fontSize,
  },
  title: {
    fontWeight: 'bold',
    color: theme.palette.error.main,
    textAlign: 'left',
  },
}));

/**
 * Every problem of the graph, the live ones and those the server answered;
 * choosing one selects what it is on.
 */
export const ProblemList = memo(function ProblemListView(props: {
  problems: readonly SpecGraphProblem[];
  /** The graph the problems are of, to name its nodes. */
  graph: EditorGraph;
  types: ReadonlyMap<string, ResourceTypeItem>;
  onSelect: (problem: SpecGraphProblem) => void;
}) {
  const { problems, graph, types, onSelect } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  const wording = useProblemWording(graph, types);
  const classes = useStyles();
  const shown = problems.slice(0, SHOWN);
  return (
    <section aria-labelledby="iot-editor-problems">
      <Flex direction="column" gap="1">
        <Text
          as="h3"
          id="iot-editor-problems"
          variant="body-medium"
          weight="bold"
        >
          {t('specEditor.problemsTitle', { number: String(problems.length) })}
        </Text>
        {problems.length === 0 ? (
          <Text as="p" variant="body-small" color="secondary">
            {t('specEditor.noProblems')}
          </Text>
        ) : (
          <ul className={classes.list}>
            {shown.map((problem, index) => (
              <li key={index}>
                <Link
                  component="button"
                  className={classes.title}
                  onClick={() => onSelect(problem)}
                >
                  {problemTitle(t, problem)}
                </Link>{' '}
                — {problemText(wording, problem)}
              </li>
            ))}
            {problems.length > SHOWN && (
              <li>
                {t('specEditor.moreProblems', {
                  number: String(problems.length - SHOWN),
                })}
              </li>
            )}
          </ul>
        )}
      </Flex>
    </section>
  );
});
