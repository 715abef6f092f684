import { appLanguageApiRef } from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  exampleSpecGraph,
  listResourceTypes,
  SpecGraph,
  validateSpecGraph,
} from '@internal/backstage-plugin-iot-common';
import { screen } from '@testing-library/react';
import { iotTranslationsModule } from '../translations';
import { toEditorGraph } from './editorGraph';
import { problemText, useProblemWording } from './graphProblems';

const types = new Map(listResourceTypes().items.map(type => [type.id, type]));

/** The example graph broken in many ways: most codes of validation come up. */
function brokenGraph(): SpecGraph {
  const graph = exampleSpecGraph();
  const change = (id: string, properties: Record<string, unknown>) => {
    const node = graph.nodes.find(n => n.id === id)!;
    node.properties = { ...node.properties, ...properties };
  };
  change('pool', { count: 60, flavour: 'x9.huge' });
  change('vpc', { cidr: '10.0.0.0/33', cidrr: '10.0.0.0/8' });
  change('lb', {
    listeners: [
      { port: 80, backendPort: 8080 },
      { protocol: 'TCP', port: 80, backendPort: 8081 },
    ],
  });
  change('db', { volumeGiB: 45 });
  change('server', { image: { name: 'missing', version: '1.0.0' } });
  graph.nodes.push(
    { id: 'vpc2', type: 'vpc', properties: { name: 'parking-vpc' } },
    { id: 'q', type: 'queue', properties: { name: 'q' } },
    {
      id: 'www',
      type: 'dns-record',
      properties: { name: 'www.example.org', zone: 'example.com' },
    },
  );
  graph.edges.push(
    { source: 'subnet', target: 'vpc2' },
    { source: 'eip', target: 'vpc' },
    { source: 'pool', target: 'cluster' },
    { source: 'server', target: 'server' },
    { source: 'server', target: 'cache' },
    { source: 'www', target: 'eip' },
  );
  return graph;
}

function Problems(props: { graph: SpecGraph }) {
  const wording = useProblemWording(toEditorGraph(props.graph), types);
  const { problems } = validateSpecGraph(props.graph, { images: [] });
  return (
    <ul>
      {problems.map((problem, index) => (
        <li key={index} data-code={problem.code}>
          {problemText(wording, problem)}
        </li>
      ))}
    </ul>
  );
}

function languageApi(language: string) {
  return {
    getAvailableLanguages: () => ({ languages: ['en', 'zh'] }),
    getLanguage: () => ({ language }),
    language$: () => ({
      subscribe: () => ({ unsubscribe: () => {}, closed: false }),
      [Symbol.observable]() {
        return this;
      },
    }),
    setLanguage: jest.fn(),
  };
}

async function wordedIn(language: string) {
  const graph = brokenGraph();
  const { unmount } = await renderInTestApp(<Problems graph={graph} />, {
    features: [iotTranslationsModule],
    apis: [[appLanguageApiRef, languageApi(language)]],
  });
  const items = await screen.findAllByRole('listitem');
  const texts = new Map(
    items.map(item => [item.dataset.code!, item.textContent ?? '']),
  );
  unmount();
  return texts;
}

describe('problemText', () => {
  it('words the problems of validation in English and in Chinese, every value filled in', async () => {
    const english = await wordedIn('en');
    const chinese = await wordedIn('zh');

    expect([...english.keys()].sort()).toEqual([
      'duplicate-edge',
      'duplicate-listener-port',
      'duplicate-name',
      'edge-not-allowed',
      'edge-unknown-node',
      'format',
      'image-missing',
      'not-in-zone',
      'number-step',
      'number-too-large',
      'property-unknown',
      'self-loop',
      'too-many-dependencies',
      'unknown-type',
      'value-not-offered',
    ]);
    expect(english.get('number-too-large')).toBe(
      "node 'pool' (Node pool): property 'count' must be at most 50 (got 60)",
    );
    expect(english.get('edge-not-allowed')).toBe(
      'edge eip → vpc: Elastic IP depends on nothing. Remove the edge.',
    );
    expect(chinese.get('number-too-large')).toBe(
      "节点 'pool'（节点池）：属性 'count' 不能大于 50（当前值 60）",
    );
    expect(chinese.get('too-many-dependencies')).toBe(
      "节点 'subnet'（子网）：依赖了 2 个虚拟私有云类型的节点（vpc、vpc2），但最多只能依赖一个；请删除多余的依赖关系",
    );
    for (const [code, text] of [...english, ...chinese]) {
      expect([code, text]).not.toEqual([code, expect.stringMatching(/{{/)]);
    }
    for (const [code, text] of chinese) {
      expect([code, text]).not.toEqual([code, english.get(code)]);
    }
  });
});
