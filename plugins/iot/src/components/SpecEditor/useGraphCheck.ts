import {
  planSpecGraph,
  validateSpecGraph,
  type SpecGraphImage,
  type SpecGraphProblem,
  type SpecPlan,
} from '@internal/backstage-plugin-iot-common';
import { useEffect, useState } from 'react';
import type { EditorGraph } from '../../lib/editorGraph';

/** The problems and, for a valid graph, the plan of one version of the graph. */
export type GraphCheck = {
  graph: EditorGraph;
  images?: readonly SpecGraphImage[];
  problems: SpecGraphProblem[];
  plan?: SpecPlan;
};

function checkGraph(
  graph: EditorGraph,
  images: readonly SpecGraphImage[] | undefined,
): GraphCheck {
  const { problems } = validateSpecGraph(graph, images ? { images } : {});
  return {
    graph,
    images,
    problems,
    plan: problems.length === 0 ? planSpecGraph(graph) : undefined,
  };
}

/**
 * `validateSpecGraph` and `planSpecGraph` of the graph on the canvas, the
 * rules the server saves by, run once the graph has stopped changing for
 * `delayMs` (a drag changes it every frame). With `images`, references to
 * images are checked against them too.
 */
export function useGraphCheck(
  graph: EditorGraph,
  images: readonly SpecGraphImage[] | undefined,
  delayMs = 150,
): GraphCheck {
  const [check, setCheck] = useState(() => checkGraph(graph, images));
  useEffect(() => {
    const timer = setTimeout(() => {
      setCheck(previous =>
        previous.graph === graph && previous.images === images
          ? previous
          : checkGraph(graph, images),
      );
    }, delayMs);
    return () => clearTimeout(timer);
  }, [graph, images, delayMs]);
  return check;
}
