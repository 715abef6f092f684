/*
 * Random valid spec dependency graphs for the benchmarks (spec-graph,
 * deploy-engine, editor): the same generator, seeded, so every run of a
 * benchmark measures the same graph.
 */

/** mulberry32: a small seeded PRNG. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A random valid graph of `count` nodes over `types` (resource types as
 * iot-common's registry or GET /resource-types has them: id, requires,
 * requiresOneOf, allows, atMostOne): the first three nodes are VPCs; each
 * node gets a type whose required dependencies exist, an edge to a node of
 * each required type (and of one of `requiresOneOf`), and up to two more
 * to allowed types; edges point to earlier nodes only, so it is acyclic.
 * `propertiesOf(typeId, index)` gives each node's properties. With
 * `layout`, nodes get positions by dependency level, left to right, like
 * the editor's auto-layout.
 */
export function randomGraph({ types, count, seed, propertiesOf, layout = false }) {
  const rand = random(seed);
  const pick = list => list[Math.floor(rand() * list.length)];
  const byType = new Map(types.map(type => [type.id, []]));
  const present = id => byType.get(id)?.length > 0;
  const nodes = [];
  const edges = [];
  const level = new Map();
  for (let i = 0; i < count; i++) {
    const possible = types.filter(
      type =>
        type.requires.every(present) &&
        (!type.requiresOneOf.length || type.requiresOneOf.some(present)),
    );
    const type = i < 3 ? types.find(t => t.id === 'vpc') : pick(possible);
    const id = `n${i}`;
    const targets = new Map();
    for (const required of type.requires) targets.set(pick(byType.get(required)), required);
    if (type.requiresOneOf.length) {
      const chosen = pick(type.requiresOneOf.filter(present));
      targets.set(pick(byType.get(chosen)), chosen);
    }
    for (let extra = 0; extra < 2; extra++) {
      const allowed = type.allows.filter(
        a => present(a) && !(type.atMostOne.includes(a) && [...targets.values()].includes(a)),
      );
      if (!allowed.length) break;
      const chosenType = pick(allowed);
      targets.set(pick(byType.get(chosenType)), chosenType);
    }
    level.set(id, Math.max(-1, ...[...targets.keys()].map(t => level.get(t))) + 1);
    nodes.push({ id, type: type.id, properties: propertiesOf(type.id, i) });
    for (const target of targets.keys()) edges.push({ source: id, target });
    byType.get(type.id).push(id);
  }
  if (layout) {
    const rows = new Map();
    for (const node of nodes) {
      const x = level.get(node.id);
      const y = rows.get(x) ?? 0;
      rows.set(x, y + 1);
      node.position = { x: x * 320, y: y * 120 };
    }
  }
  return { nodes, edges };
}
