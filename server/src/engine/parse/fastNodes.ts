/**
 * Constructors of `yaml` nodes for parse/compose.ts that cost a plain object's allocation.
 *
 * `yaml`'s node classes mark each node with its type in its constructor (`Object.defineProperty(this, NODE_TYPE, …)`,
 * a symbol-keyed, non-enumerable own property). In V8 that is a runtime call of ~170 ns, against ~5 ns for the rest
 * of a scalar: a tenth of a small values file's lint went into it. These constructors put the type on a prototype
 * between the node and its class's prototype instead (one per class, built once), and set the same enumerable
 * properties, in the same order, as the class constructors:
 *  - `node instanceof Scalar` (Pair, YAMLMap, YAMLSeq), `isScalar(node)` and the other `yaml` predicates (they read
 *    `node[NODE_TYPE]`, found on the prototype), `node.constructor` (the class) and every class method behave as
 *    on the nodes `yaml` builds; `clone()` copies the prototype too;
 *  - collections keep their `schema` as `yaml` does (own, non-enumerable, writable), since it is per document.
 * Only the place of the type symbol differs: no own property symbol. test/unit/compose.test.ts compares the nodes
 * built here with `yaml`'s on the class, the type, and every own property. Source: `yaml` 2.8 src/nodes/Node.ts,
 * Scalar.ts, Pair.ts, Collection.ts, YAMLMap.ts, YAMLSeq.ts (docs/reference/yaml-composer.md).
 */
import { Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Node, Schema } from 'yaml';

const NODE_TYPE = Symbol.for('yaml.node.type');

/** The prototype of fast `cls` nodes: `cls.prototype` plus the type symbol `yaml` would define on each node. */
function typed(cls: { prototype: object }, type: string): object {
  return Object.create(cls.prototype, { [NODE_TYPE]: { value: Symbol.for(type) } }) as object;
}

function fastScalar(this: { value: unknown }, value: unknown): void {
  this.value = value;
}
fastScalar.prototype = typed(Scalar, 'yaml.scalar');

function fastPair(this: { key: unknown; value: unknown }, key: unknown, value: unknown): void {
  this.key = key;
  this.value = value;
}
fastPair.prototype = typed(Pair, 'yaml.pair');

/** A collection constructor (Collection's and YAMLMap's/YAMLSeq's constructors' own properties) for `cls`. */
function fastCollection(cls: { prototype: object }, type: string) {
  function collection(this: { items: unknown[] }, schema: Schema): void {
    Object.defineProperty(this, 'schema', { value: schema, configurable: true, enumerable: false, writable: true });
    this.items = [];
  }
  collection.prototype = typed(cls, type);
  return collection;
}

type Ctor<A extends unknown[], T> = new (...args: A) => T;

export const FastScalar = fastScalar as unknown as Ctor<[value: unknown], Scalar>;
export const FastPair = fastPair as unknown as Ctor<[key: Node, value: Node], Pair<Node, Node>>;
export const FastMap = fastCollection(YAMLMap, 'yaml.map') as unknown as Ctor<[schema: Schema], YAMLMap>;
export const FastSeq = fastCollection(YAMLSeq, 'yaml.seq') as unknown as Ctor<[schema: Schema], YAMLSeq>;
