import { Progress } from '@backstage/core-components';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { Alert, Button, Flex, Text } from '@backstage/ui';
import { makeStyles } from '@material-ui/core/styles';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import {
  connectionRefusal,
  type ImageListItem,
  type IotSpecItem,
  type ResourceTypeItem,
  type SpecGraphImage,
  type SpecGraphProblem,
} from '@internal/backstage-plugin-iot-common';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import {
  memo,
  useCallback,
  useEffect,
  useMemo,
  useReducer,
  useRef,
  useState,
} from 'react';
import { useNavigate } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  IotApi,
  iotApiRef,
  SpecGraphChangedError,
  SpecGraphInvalidError,
  type TaggedSpecGraph,
} from '../../api';
import {
  addNode,
  connect,
  duplicateNodes,
  EditorEdge,
  EditorGraph,
  edgeId,
  historyReducer,
  initialHistory,
  layOutByLevel,
  moveNodes,
  nextNodeId,
  removeElements,
  sameStructure,
  setProperty,
  toEditorGraph,
  XY,
} from '../../lib/editorGraph';
import { errorMessage } from '../../lib/errors';
import { problemNodeIds } from '../../lib/graphProblems';
import { useLocale } from '../../lib/useLocale';
import { iotTranslationRef } from '../../translation';
import { PlanPreview } from '../PlanPreview';
import { ImageChoices, PropertyPanel } from '../PropertyPanel';
import { ResourcePalette } from '../ResourcePalette';
import { refusalText } from './connectionText';
import { CanvasRefusal, EditorCanvas } from './EditorCanvas';
import {
  ConflictDialog,
  EditorNotice,
  LeaveDialog,
  Notice,
} from './EditorDialogs';
import { EditorToolbar } from './EditorToolbar';
import {
  criticalPathHighlight,
  EditorSelection,
  NO_HIGHLIGHT,
  NO_SELECTION,
} from './flowElements';
import { ProblemList } from './ProblemList';
import { useEditorShortcuts } from './useEditorShortcuts';
import { useGraphCheck } from './useGraphCheck';
import { useLeaveGuard } from './useLeaveGuard';

const useStyles = makeStyles(theme => ({
  workspace: {
    display: 'grid',
    gridTemplateColumns: '200px minmax(0, 1fr) 420px',
    gap: theme.spacing(2),
    height: 640,
    [theme.breakpoints.down('md')]: {
      gridTemplateColumns: 'minmax(0, 1fr)',
      height: 'auto',
    },
  },
  readOnly: {
    gridTemplateColumns: 'minmax(0, 1fr) 420px',
  },
  palette: {
    overflowY: 'auto',
    // room for the search field's floating label
    paddingTop: theme.spacing(1),
    paddingRight: theme.spacing(0.5),
    [theme.breakpoints.down('md')]: { maxHeight: 240 },
  },
  canvas: {
    minHeight: 480,
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    overflow: 'hidden',
  },
  side: {
    display: 'flex',
    flexDirection: 'column',
    minHeight: 0,
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
  },
  tabPanel: {
    flex: 1,
    overflowY: 'auto',
    padding: theme.spacing(2),
  },
}));

/** Every page of the caller's images, for the image pickers and the image rules. */
async function listAllImages(iotApi: IotApi): Promise<ImageListItem[]> {
  const items: ImageListItem[] = [];
  let cursor: string | undefined;
  do {
    const page = await iotApi.listImages({ limit: 500, cursor });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

const NO_PROBLEMS: SpecGraphProblem[] = [];

type EditorTab = 'properties' | 'plan';

const EditorTabs = memo(function EditorTabList(props: {
  tab: EditorTab;
  onChange: (tab: EditorTab) => void;
}) {
  const { t } = useTranslationRef(iotTranslationRef);
  return (
    <Tabs
      value={props.tab}
      onChange={(_, value) => props.onChange(value)}
      indicatorColor="primary"
      textColor="primary"
      variant="fullWidth"
    >
      <Tab
        value="properties"
        label={t('specEditor.propertiesTab')}
        id="iot-editor-tab-properties"
        aria-controls="iot-editor-panel"
      />
      <Tab
        value="plan"
        label={t('specEditor.planTab')}
        id="iot-editor-tab-plan"
        aria-controls="iot-editor-panel"
      />
    </Tabs>
  );
});

type SaveFailure = { title: string; message: string };

interface GraphEditorProps {
  spec: IotSpecItem;
  types: readonly ResourceTypeItem[];
  initial: TaggedSpecGraph;
  images: ImageChoices;
  readOnly: boolean;
  onSaved: () => void;
  onReload: () => void;
  onUnsavedChange?: (unsaved: boolean) => void;
}

function GraphEditor(props: GraphEditorProps) {
  const {
    spec,
    types,
    initial,
    images,
    readOnly,
    onSaved,
    onReload,
    onUnsavedChange,
  } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  const language = useLocale();
  const classes = useStyles();
  const iotApi = useApi(iotApiRef);
  const navigate = useNavigate();
  const reactFlow = useReactFlow();

  const typeMap = useMemo(
    () => new Map<string, ResourceTypeItem>(types.map(type => [type.id, type])),
    [types],
  );
  const initialGraph = useMemo(() => toEditorGraph(initial.graph), [initial]);
  const [history, dispatch] = useReducer(
    historyReducer,
    initialGraph,
    initialHistory,
  );
  const present = history.present;
  const [saved, setSaved] = useState({
    graph: initialGraph,
    etag: initial.etag,
  });
  const [selection, setSelection] = useState<EditorSelection>(NO_SELECTION);
  const [tab, setTab] = useState<EditorTab>('properties');
  const [notice, setNotice] = useState<Notice>();
  const [saving, setSaving] = useState(false);
  const [saveFailure, setSaveFailure] = useState<SaveFailure>();
  const [serverProblems, setServerProblems] = useState<{
    graph: EditorGraph;
    problems: SpecGraphProblem[];
  }>();
  const [conflict, setConflict] = useState<string>();
  const [leaveTo, setLeaveTo] = useState<string>();
  const rootRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLDivElement>(null);
  // Commands read the latest state: they run from keys and from @xyflow.
  const latest = useRef({ present, selection });
  latest.current = { present, selection };

  const graphImages = useMemo(
    () =>
      images.images?.flatMap(image =>
        image.versions.map(
          (version): SpecGraphImage => ({
            name: image.name,
            version: version.version,
            kind: image.kind,
            status: version.status,
            owner: image.owner,
          }),
        ),
      ),
    [images.images],
  );
  // What the graph deploys, the same object while only positions change: a
  // drag re-renders the canvas, not the panels, and validates nothing.
  const structureCache = useRef(present);
  const structure = useMemo(() => {
    if (!sameStructure(structureCache.current, present)) {
      structureCache.current = present;
    }
    return structureCache.current;
  }, [present]);
  const check = useGraphCheck(structure, readOnly ? undefined : graphImages);
  const pending = check.graph !== structure;

  const problems = useMemo(() => {
    const live = check.problems;
    if (serverProblems?.graph !== structure) return live;
    const known = new Set(live.map(problem => problem.message));
    return [
      ...live,
      ...serverProblems.problems.filter(problem => !known.has(problem.message)),
    ];
  }, [check.problems, serverProblems, structure]);

  const { problemCounts, problemEdges, problemsByNode } = useMemo(() => {
    const counts = new Map<string, number>();
    const byNode = new Map<string, SpecGraphProblem[]>();
    const edges = new Set<string>();
    for (const problem of problems) {
      for (const id of problemNodeIds(problem)) {
        counts.set(id, (counts.get(id) ?? 0) + 1);
        byNode.set(id, [...(byNode.get(id) ?? []), problem]);
      }
      if (problem.edge) edges.add(edgeId(problem.edge));
    }
    return {
      problemCounts: counts,
      problemEdges: edges,
      problemsByNode: byNode,
    };
  }, [problems]);

  const highlight = useMemo(
    () =>
      tab === 'plan' && check.plan && !pending
        ? criticalPathHighlight(check.plan.criticalPath.nodeIds)
        : NO_HIGHLIGHT,
    [tab, check.plan, pending],
  );

  const unsaved = present !== saved.graph;
  const canSave =
    !readOnly && unsaved && !pending && problems.length === 0 && !saving;

  const edit = useCallback(
    (change: (graph: EditorGraph) => EditorGraph, coalesce?: string) =>
      dispatch({ type: 'edit', edit: change, coalesce }),
    [],
  );

  const refuse = useCallback(
    (edge: EditorEdge, refusal: CanvasRefusal) =>
      setNotice({
        severity: 'warning',
        text: refusalText(
          t,
          refusal,
          edge,
          latest.current.present,
          typeMap,
          language,
        ),
      }),
    [t, typeMap, language],
  );

  const connectNodes = useCallback(
    (edge: EditorEdge) => {
      const refusal = connectionRefusal(latest.current.present, edge);
      if (refusal) refuse(edge, refusal);
      else edit(graph => connect(graph, edge));
    },
    [refuse, edit],
  );

  /** A free spot in the middle of what the canvas shows. */
  const viewCentre = useCallback((): XY => {
    const box = canvasRef.current?.getBoundingClientRect();
    const centre = reactFlow.screenToFlowPosition({
      x: (box?.left ?? 0) + (box?.width ?? 0) / 2,
      y: (box?.top ?? 0) + (box?.height ?? 0) / 2,
    });
    let at = { x: Math.round(centre.x) - 110, y: Math.round(centre.y) - 30 };
    const taken = (p: XY) =>
      latest.current.present.nodes.some(
        node => node.position.x === p.x && node.position.y === p.y,
      );
    while (taken(at)) at = { x: at.x + 24, y: at.y + 24 };
    return at;
  }, [reactFlow]);

  const addType = useCallback(
    (typeId: string, position?: XY) => {
      const type = typeMap.get(typeId);
      if (!type || readOnly) return;
      const at = position ?? viewCentre();
      const nodeId = nextNodeId(latest.current.present, typeId);
      edit(graph => addNode(graph, type, at, nodeId));
      setSelection({ nodes: new Set([nodeId]), edges: new Set() });
      setTab('properties');
    },
    [typeMap, readOnly, viewCentre, edit],
  );

  const moveTo = useCallback(
    (positions: Map<string, XY>, coalesce?: string) =>
      edit(graph => moveNodes(graph, positions), coalesce),
    [edit],
  );

  const deleteSelection = useCallback(() => {
    const { nodes, edges } = latest.current.selection;
    if (readOnly || (nodes.size === 0 && edges.size === 0)) return;
    edit(graph => removeElements(graph, nodes, edges));
    setSelection(NO_SELECTION);
  }, [readOnly, edit]);

  const duplicateSelection = useCallback(() => {
    const { nodes } = latest.current.selection;
    if (readOnly || nodes.size === 0) return;
    const copies = duplicateNodes(latest.current.present, nodes).nodeIds;
    edit(graph => duplicateNodes(graph, nodes).graph);
    setSelection({ nodes: new Set(copies), edges: new Set() });
  }, [readOnly, edit]);

  const fitView = useCallback(
    () => reactFlow.fitView({ padding: 0.15, maxZoom: 1, duration: 300 }),
    [reactFlow],
  );

  const autoLayout = useCallback(() => {
    edit(graph => moveNodes(graph, layOutByLevel(graph)));
    // once the moved nodes are on the canvas
    requestAnimationFrame(() => fitView());
  }, [edit, fitView]);

  /** Selects nodes (and edges) and brings them into view. */
  const focus = useCallback(
    (nodeIds: string[], edgeIds: string[] = []) => {
      setSelection({ nodes: new Set(nodeIds), edges: new Set(edgeIds) });
      if (nodeIds.length > 0) {
        reactFlow.fitView({
          nodes: nodeIds.map(id => ({ id })),
          padding: 0.5,
          maxZoom: 1.2,
          duration: 300,
        });
      }
    },
    [reactFlow],
  );

  const save = useCallback(
    async (overwrite = false) => {
      if (!overwrite && !canSave) {
        if (!readOnly && problems.length > 0) {
          setNotice({
            severity: 'warning',
            text: t('specEditor.fixFirst', { count: problems.length }),
          });
        }
        return;
      }
      const graph = latest.current.present;
      setSaving(true);
      setSaveFailure(undefined);
      setConflict(undefined);
      try {
        const result = await iotApi.saveSpecGraph(
          spec.id,
          graph,
          overwrite ? undefined : saved.etag,
        );
        setSaved({ graph, etag: result.etag });
        setServerProblems(undefined);
        setNotice({ severity: 'success', text: t('specEditor.saved') });
        onSaved();
      } catch (e) {
        if (e instanceof SpecGraphInvalidError) {
          setServerProblems({
            graph: structureCache.current,
            problems: e.problems,
          });
          setSaveFailure({
            title: t('specEditor.saveRefused', { count: e.problems.length }),
            message: e.message,
          });
        } else if (e instanceof SpecGraphChangedError) {
          setConflict(e.message);
        } else {
          setSaveFailure({
            title: t('specEditor.saveFailed'),
            message: errorMessage(e),
          });
        }
      } finally {
        setSaving(false);
      }
    },
    [
      canSave,
      readOnly,
      problems.length,
      iotApi,
      spec.id,
      saved.etag,
      t,
      onSaved,
    ],
  );

  const undo = useCallback(() => dispatch({ type: 'undo' }), []);
  const redo = useCallback(() => dispatch({ type: 'redo' }), []);
  const saveNow = useCallback(() => save(), [save]);
  const removeEdge = useCallback(
    (id: string) =>
      edit(graph => removeElements(graph, new Set(), new Set([id]))),
    [edit],
  );
  const changeProperty = useCallback(
    (nodeId: string, key: string, value: unknown) =>
      edit(graph => setProperty(graph, nodeId, key, value), `${nodeId}/${key}`),
    [edit],
  );
  const selectProblem = useCallback(
    (problem: SpecGraphProblem) =>
      focus(
        problemNodeIds(problem),
        problem.edge ? [edgeId(problem.edge)] : [],
      ),
    [focus],
  );
  const selectPlanned = useCallback(
    (nodeId: string) => focus([nodeId]),
    [focus],
  );

  const closeConflict = useCallback(() => setConflict(undefined), []);
  const reloadTheirs = useCallback(() => {
    setConflict(undefined);
    onReload();
  }, [onReload]);
  const overwrite = useCallback(() => save(true), [save]);
  const stay = useCallback(() => setLeaveTo(undefined), []);
  const leave = useCallback(() => {
    if (leaveTo) navigate(leaveTo);
  }, [leaveTo, navigate]);
  const closeNotice = useCallback(() => setNotice(undefined), []);

  useEditorShortcuts(
    rootRef,
    { undo, redo, deleteSelection, duplicateSelection, save: saveNow },
    !readOnly,
  );
  useLeaveGuard(unsaved && !readOnly, setLeaveTo);
  const hasUnsaved = unsaved && !readOnly;
  useEffect(() => {
    onUnsavedChange?.(hasUnsaved);
  }, [hasUnsaved, onUnsavedChange]);
  useEffect(() => () => onUnsavedChange?.(false), [onUnsavedChange]);

  const selectedNode =
    selection.nodes.size === 1
      ? structure.nodes.find(node => selection.nodes.has(node.id))
      : undefined;
  return (
    <div ref={rootRef}>
      <Flex direction="column" gap="3">
        <EditorToolbar
          readOnly={readOnly}
          canUndo={history.past.length > 0}
          canRedo={history.future.length > 0}
          hasSelection={selection.nodes.size > 0 || selection.edges.size > 0}
          problemCount={problems.length}
          unsaved={unsaved}
          canSave={canSave}
          saving={saving}
          onUndo={undo}
          onRedo={redo}
          onDelete={deleteSelection}
          onDuplicate={duplicateSelection}
          onLayout={autoLayout}
          onFitView={fitView}
          onSave={saveNow}
        />
        {saveFailure && (
          <Alert
            role="alert"
            status="danger"
            icon
            title={saveFailure.title}
            description={saveFailure.message}
          />
        )}
        <div
          className={
            readOnly
              ? `${classes.workspace} ${classes.readOnly}`
              : classes.workspace
          }
        >
          {!readOnly && (
            <aside className={classes.palette} aria-label={t('palette.title')}>
              <ResourcePalette
                types={types}
                onAdd={typeId => addType(typeId)}
              />
            </aside>
          )}
          <div className={classes.canvas} ref={canvasRef}>
            <EditorCanvas
              graph={present}
              types={typeMap}
              selection={selection}
              onSelectionChange={setSelection}
              problemCounts={problemCounts}
              problemEdges={problemEdges}
              highlight={highlight}
              readOnly={readOnly}
              onMove={moveTo}
              onConnect={connectNodes}
              onRefused={refuse}
              onDropType={addType}
            />
          </div>
          <div className={classes.side}>
            <EditorTabs tab={tab} onChange={setTab} />
            <div
              role="tabpanel"
              id="iot-editor-panel"
              aria-labelledby={`iot-editor-tab-${tab}`}
              className={classes.tabPanel}
            >
              {tab === 'properties' && selectedNode && (
                <PropertyPanel
                  node={selectedNode}
                  graph={structure}
                  types={typeMap}
                  problems={problemsByNode.get(selectedNode.id) ?? NO_PROBLEMS}
                  images={images}
                  readOnly={readOnly}
                  onChange={changeProperty}
                  onConnect={connectNodes}
                  onRemoveEdge={removeEdge}
                />
              )}
              {tab === 'properties' && !selectedNode && (
                <Text as="p" color="secondary">
                  {selection.nodes.size > 1
                    ? t('specEditor.manySelected', {
                        count: selection.nodes.size,
                      })
                    : t('specEditor.nothingSelected')}
                </Text>
              )}
              {tab === 'plan' && (
                <PlanPreview
                  specId={spec.id}
                  plan={pending ? undefined : check.plan}
                  problemCount={problems.length}
                  nodeCount={structure.nodes.length}
                  unsaved={unsaved}
                  onSelectNode={selectPlanned}
                />
              )}
            </div>
          </div>
        </div>
        <ProblemList
          problems={problems}
          graph={structure}
          types={typeMap}
          onSelect={selectProblem}
        />
      </Flex>
      <ConflictDialog
        message={conflict}
        saving={saving}
        onCancel={closeConflict}
        onReload={reloadTheirs}
        onOverwrite={overwrite}
      />
      <LeaveDialog open={leaveTo !== undefined} onStay={stay} onLeave={leave} />
      <EditorNotice notice={notice} onClose={closeNotice} />
    </div>
  );
}

export interface SpecEditorProps {
  spec: IotSpecItem;
  /** The user may change the graph: allowed to update the app, and the app is not frozen by review. */
  editable: boolean;
  /** The graph was saved; the spec's images follow it. */
  onSaved: () => void;
  /**
   * Whether the canvas holds changes that are not saved, each time that
   * changes (e.g. so that a deployment test can say it installs the saved
   * graph only).
   */
  onUnsavedChange?: (unsaved: boolean) => void;
}

/**
 * The dependency editor of a spec (SPEC-7): palette, canvas and property
 * panel, with problems, plan and exports. Read-only for users who may not
 * change the spec (reviewers): they see the graph, its plan and exports.
 */
export function SpecEditor(props: SpecEditorProps) {
  const { spec, editable, onSaved, onUnsavedChange } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  const iotApi = useApi(iotApiRef);
  const types = useAsyncRetry(() => iotApi.getResourceTypes(), [iotApi]);
  const graph = useAsyncRetry(
    () => iotApi.getSpecGraph(spec.id),
    [iotApi, spec.id],
  );
  const images = useAsyncRetry(
    async () => (editable ? listAllImages(iotApi) : undefined),
    [iotApi, editable],
  );
  const imageChoices = useMemo<ImageChoices>(
    () => ({
      images: images.value,
      loading: images.loading,
      error: images.error,
      retry: images.retry,
    }),
    [images.value, images.loading, images.error, images.retry],
  );

  const error = types.error ?? graph.error;
  if (error) {
    return (
      <Alert
        role="alert"
        status="danger"
        icon
        title={t('specEditor.loadFailed', { message: errorMessage(error) })}
        customActions={
          <Button
            variant="secondary"
            onPress={() => {
              if (types.error) types.retry();
              if (graph.error) graph.retry();
            }}
          >
            {t('dialogs.retry')}
          </Button>
        }
      />
    );
  }
  if (!types.value || !graph.value) {
    return <Progress />;
  }
  return (
    <ReactFlowProvider>
      <GraphEditor
        // a reload after someone else saved starts over from their graph
        key={graph.value.etag ?? 'untagged'}
        spec={spec}
        types={types.value.items}
        initial={graph.value}
        images={imageChoices}
        readOnly={!editable}
        onSaved={onSaved}
        onReload={graph.retry}
        onUnsavedChange={onUnsavedChange}
      />
    </ReactFlowProvider>
  );
}
